package dev.gort.provisioner.environment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.provisioner.decision.Decision;
import dev.gort.provisioner.decision.Requirements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON columns of an environment: overrides, files, requirements, decisions, warnings. */
@ApplicationScoped
public class EnvironmentJson {

  /** One decision as an environment records and shows it. */
  public record RecordedDecision(
      String name,
      String source,
      Object value,
      String reason,
      String inputsDigest,
      String modelAnswer,
      Instant decidedAt) {}

  @Inject ObjectMapper mapper;
  @Inject Clock clock;

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(String raw, TypeReference<T> type, T absent) {
    if (raw == null || raw.isBlank()) {
      return absent;
    }
    try {
      return mapper.readValue(raw, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored JSON column does not read back: " + e.getMessage());
    }
  }

  public Overrides readOverrides(String raw) {
    return read(raw, new TypeReference<Overrides>() {}, Overrides.none());
  }

  public Map<String, String> readFiles(String raw) {
    return read(raw, new TypeReference<LinkedHashMap<String, String>>() {}, new LinkedHashMap<>());
  }

  public Requirements readRequirements(String raw) {
    Requirements requirements = read(raw, new TypeReference<Requirements>() {}, null);
    if (requirements == null) {
      throw new IllegalStateException("no requirements recorded before a step that needs them");
    }
    return requirements;
  }

  public List<RecordedDecision> readDecisions(String raw) {
    return read(raw, new TypeReference<List<RecordedDecision>>() {}, List.of());
  }

  public List<String> readWarnings(String raw) {
    return read(raw, new TypeReference<List<String>>() {}, List.of());
  }

  /** {@code decisions} with {@code decision} added, replacing an earlier one of the same name. */
  public String addDecision(String decisions, Decision<?> decision) {
    List<RecordedDecision> all = new ArrayList<>(readDecisions(decisions));
    all.removeIf(d -> d.name().equals(decision.name()));
    all.add(
        new RecordedDecision(
            decision.name(),
            decision.source().name(),
            decision.value(),
            decision.reason(),
            decision.inputsDigest(),
            decision.modelAnswer(),
            clock.instant()));
    return write(all);
  }

  public String addWarning(String warnings, String warning) {
    List<String> all = new ArrayList<>(readWarnings(warnings));
    if (!all.contains(warning)) {
      all.add(warning);
    }
    return write(all);
  }
}
