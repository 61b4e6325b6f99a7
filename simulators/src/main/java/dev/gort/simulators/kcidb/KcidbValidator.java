package dev.gort.simulators.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a document against KCIDB I/O v5 as kcidb-io defines it: {@code
 * kcidb/kcidb-io-v05_03.schema.json} is kcidb-io's own v5.3 schema as JSON (the copy the results
 * worker's tests use). The top level is checked here (a JSON object of {@code version}, {@code
 * checkouts}, {@code builds}, {@code tests}, {@code issues}, {@code incidents}, each list an
 * array); {@code version} and every object in the lists against the schema's own definitions, one
 * at a time, so that checking stops once {@link #MAX_PROBLEMS} problems are found. A null anywhere,
 * even in {@code misc}, is a problem too (KCIDB leaves unknown values out).
 *
 * <p>Two changes to the schema's patterns on loading, so that Java reads them as ECMAScript does:
 * {@code [^\0]} ("not NUL"; Java's {@code \0} needs an octal digit) becomes {@code [^\x00]}, and
 * the anchor {@code $} becomes {@code \z} (Java's {@code $} also matches before a final line break:
 * {@code "gort\n"} would pass as an origin).
 */
@Singleton
public class KcidbValidator {

  /** The most problems one answer lists. */
  public static final int MAX_PROBLEMS = 50;

  /** The lists of objects a document may hold, each with the schema definition of its objects. */
  static final Map<String, String> LISTS =
      Map.of(
          "checkouts", "checkout",
          "builds", "build",
          "tests", "test",
          "issues", "issue",
          "incidents", "incident");

  private static final String RESOURCE = "/kcidb/kcidb-io-v05_03.schema.json";

  private final JsonSchema version;
  private final Map<String, JsonSchema> items = new LinkedHashMap<>();

  /** The problems found: {@code "<JSON pointer>: <problem>"}, at most {@link #MAX_PROBLEMS}. */
  public record Problems(List<String> found, boolean truncated) {
    public boolean none() {
      return found.isEmpty();
    }
  }

  @Inject
  public KcidbValidator(ObjectMapper json) {
    JsonNode root = load(json);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    this.version = factory.getSchema(root.path("properties").path("version"), config);
    for (Map.Entry<String, String> list : LISTS.entrySet()) {
      ObjectNode wrapper = json.createObjectNode();
      wrapper.set("$defs", root.get("$defs"));
      wrapper.put("$ref", "#/$defs/" + list.getValue());
      items.put(list.getKey(), factory.getSchema(wrapper, config));
    }
  }

  /** What is wrong with {@code document} as KCIDB I/O v5 (nothing: an empty list). */
  public Problems check(JsonNode document) {
    Found found = new Found();
    if (document == null || !document.isObject()) {
      found.add("", "the document must be a JSON object");
      return found.problems();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = document.fields();
    while (fields.hasNext()) {
      String name = fields.next().getKey();
      if (!name.equals("version") && !LISTS.containsKey(name)) {
        found.add(
            pointer("", name),
            "is not a KCIDB I/O v5 property (version, checkouts, builds, tests, issues,"
                + " incidents)");
      }
    }
    JsonNode v = document.get("version");
    if (v == null) {
      found.add("", "required property 'version' not found");
    } else {
      checkAgainst(version, v, "/version", found);
    }
    for (String list : List.of("checkouts", "builds", "tests", "issues", "incidents")) {
      JsonNode objects = document.get(list);
      if (objects == null) {
        continue;
      }
      String at = pointer("", list);
      if (!objects.isArray()) {
        found.add(at, objects.isNull() ? "null is not allowed" : "must be an array of objects");
        continue;
      }
      for (int i = 0; i < objects.size() && !found.full(); i++) {
        checkAgainst(items.get(list), objects.get(i), at + "/" + i, found);
      }
    }
    return found.problems();
  }

  /** The number of objects in each list of a valid document. */
  public static Map<String, Integer> counts(JsonNode document) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String list : List.of("checkouts", "builds", "tests", "issues", "incidents")) {
      counts.put(list, document.path(list).size());
    }
    return counts;
  }

  private static void checkAgainst(JsonSchema schema, JsonNode value, String at, Found found) {
    if (found.full()) {
      return;
    }
    Set<String> nulls = new HashSet<>();
    findNulls(value, at, nulls, found);
    List<ValidationMessage> messages = new ArrayList<>(schema.validate(value));
    messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
    for (ValidationMessage m : messages) {
      String where = at + m.getInstanceLocation().toString();
      if (nulls.contains(where)) {
        continue; // told already: null is not allowed
      }
      if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
        found.add(pointer(where, m.getProperty()), "is not a property KCIDB I/O v5.3 allows here");
      } else {
        found.add(where, schemaPatterns(m.getError()));
      }
    }
  }

  private static void findNulls(JsonNode node, String at, Set<String> nulls, Found found) {
    if (node.isNull()) {
      nulls.add(at);
      found.add(at, "null is not allowed (leave the property out)");
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        findNulls(field.getValue(), pointer(at, field.getKey()), nulls, found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findNulls(node.get(i), at + "/" + i, nulls, found);
      }
    }
  }

  /** {@code at} and then {@code name}, escaped as RFC 6901 says (and bounded, and quoted safe). */
  static String pointer(String at, String name) {
    String escaped = name.replace("~", "~0").replace("/", "~1");
    return at + "/" + Untrusted.escape(escaped, Untrusted.DETAIL_LENGTH);
  }

  private static JsonNode load(ObjectMapper json) {
    try (InputStream in = KcidbValidator.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the KCIDB schema " + RESOURCE + " is not on the classpath");
      }
      JsonNode root = json.readTree(in);
      javaPatterns(root);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code pattern} made to mean in Java what it means in ECMAScript (see the class). */
  private static void javaPatterns(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode pattern = object.get("pattern");
      if (pattern != null && pattern.isTextual()) {
        object.put(
            "pattern",
            pattern.textValue().replace("\\0", "\\x00").replaceAll("(?<!\\\\)\\$", "\\\\z"));
      }
      object.elements().forEachRemaining(KcidbValidator::javaPatterns);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(KcidbValidator::javaPatterns);
    }
  }

  /** A message naming a pattern as the schema writes it, not as it was changed on loading. */
  private static String schemaPatterns(String message) {
    return message.replace("\\x00", "\\0").replace("\\z", "$");
  }

  /** The problems found so far: one more than the cap, to know whether any were left out. */
  private static final class Found {
    private final List<String> problems = new ArrayList<>();

    void add(String at, String problem) {
      if (!full()) {
        String text = problem.length() <= 300 ? problem : problem.substring(0, 300) + "…";
        problems.add(at + ": " + text);
      }
    }

    boolean full() {
      return problems.size() > MAX_PROBLEMS;
    }

    Problems problems() {
      boolean truncated = full();
      return new Problems(
          List.copyOf(truncated ? problems.subList(0, MAX_PROBLEMS) : problems), truncated);
    }
  }
}
