package dev.gort.provisioner.decision;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gort.common.web.Untrusted;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The model's answers read strictly: one JSON object with exactly the schema's fields, each of its
 * type, values in range, names only from the list offered. Anything else is {@link Rejected}.
 */
final class Answers {

  /** Why an answer cannot be used; the message is safe to record and log. */
  static final class Rejected extends Exception {
    Rejected(String why) {
      super(why, null, false, false);
    }
  }

  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Answers() {}

  static Requirements requirements(String answer) throws Rejected {
    JsonNode json = object(answer, Schemas.REQUIREMENTS_FIELDS);
    boolean gpu = bool(json, "gpu_required");
    boolean cuda = bool(json, "cuda_required");
    int gpuMemory = integer(json, "gpu_memory_gb");
    if (cuda && !gpu) {
      throw new Rejected("cuda_required without gpu_required");
    }
    if (!gpu && gpuMemory != 0) {
      throw new Rejected("gpu_memory_gb " + gpuMemory + " without gpu_required");
    }
    try {
      return new Requirements(
          integer(json, "cpu_cores"),
          integer(json, "ram_gb"),
          gpu,
          gpuMemory,
          integer(json, "disk_gb"),
          text(json, "os_type"),
          text(json, "os_version"),
          cuda,
          text(json, "python_version"),
          texts(json, "special_requirements"));
    } catch (IllegalArgumentException e) {
      throw new Rejected(e.getMessage());
    }
  }

  /** 3–5 distinct names (fewer only when fewer were offered), each one of {@code offered}. */
  static List<String> candidates(String answer, Collection<String> offered) throws Rejected {
    JsonNode json = object(answer, List.of("candidates", "reasoning"));
    text(json, "reasoning");
    List<String> names = texts(json, "candidates");
    int min = Math.min(ImageRules.MIN_CANDIDATES, offered.size());
    if (names.size() < min || names.size() > ImageRules.MAX_CANDIDATES) {
      throw new Rejected(
          names.size() + " candidates, need " + min + "–" + ImageRules.MAX_CANDIDATES);
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!offered.contains(name)) {
        throw new Rejected("image " + Untrusted.escape(name, 64) + " not in the list");
      }
      if (!seen.add(name)) {
        throw new Rejected("image " + Untrusted.escape(name, 64) + " named twice");
      }
    }
    return List.copyOf(names);
  }

  /** The selected name, one of {@code offered}. */
  static String selected(String answer, Collection<String> offered) throws Rejected {
    JsonNode json = object(answer, List.of("selected_image", "reasoning"));
    text(json, "reasoning");
    String name = text(json, "selected_image");
    if (!offered.contains(name)) {
      throw new Rejected("image " + Untrusted.escape(name, 64) + " not among the candidates");
    }
    return name;
  }

  static int durationHours(String answer) throws Rejected {
    JsonNode json = object(answer, List.of("duration_hours", "reasoning"));
    text(json, "reasoning");
    int hours = integer(json, "duration_hours");
    if (hours < DurationRules.MIN_HOURS || hours > DurationRules.MAX_HOURS) {
      throw new Rejected(
          "duration_hours "
              + hours
              + " out of range "
              + DurationRules.MIN_HOURS
              + "–"
              + DurationRules.MAX_HOURS);
    }
    return hours;
  }

  /** The answer as one object with exactly {@code fields}; a Markdown code fence is tolerated. */
  static JsonNode object(String answer, List<String> fields) throws Rejected {
    if (answer == null || answer.isBlank()) {
      throw new Rejected("empty answer");
    }
    JsonNode json;
    try {
      json = STRICT.readTree(unfenced(answer.strip()));
    } catch (Exception e) {
      throw new Rejected("not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new Rejected("not a JSON object");
    }
    for (String field : fields) {
      if (!json.has(field)) {
        throw new Rejected(field + " missing");
      }
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new Rejected("unexpected field " + Untrusted.escape(name, 64));
      }
    }
    return json;
  }

  private static String unfenced(String answer) {
    if (answer.startsWith("```") && answer.endsWith("```") && answer.length() >= 6) {
      int firstLine = answer.indexOf('\n');
      if (firstLine > 0) {
        return answer.substring(firstLine + 1, answer.length() - 3);
      }
    }
    return answer;
  }

  private static int integer(JsonNode json, String field) throws Rejected {
    JsonNode value = json.get(field);
    if (!value.isIntegralNumber()) {
      throw new Rejected(field + " not an integer");
    }
    if (!value.canConvertToInt()) {
      throw new Rejected(field + " " + Untrusted.escape(value.asText(), 32) + " out of range");
    }
    return value.intValue();
  }

  private static boolean bool(JsonNode json, String field) throws Rejected {
    JsonNode value = json.get(field);
    if (!value.isBoolean()) {
      throw new Rejected(field + " not a boolean");
    }
    return value.booleanValue();
  }

  private static String text(JsonNode json, String field) throws Rejected {
    JsonNode value = json.get(field);
    if (!value.isTextual()) {
      throw new Rejected(field + " not a string");
    }
    return value.textValue();
  }

  private static List<String> texts(JsonNode json, String field) throws Rejected {
    JsonNode value = json.get(field);
    if (!value.isArray()) {
      throw new Rejected(field + " not an array");
    }
    List<String> texts = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new Rejected(field + " holds a value that is not a string");
      }
      texts.add(item.textValue());
    }
    return texts;
  }
}
