package dev.gort.console.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/v1/experiments/{slug}/test-config}: how the experiment is tested; {@code stored}
 * false means none is stored and the defaults apply.
 */
public record ExperimentTestConfig(
    String experiment,
    String runner,
    String kind,
    Map<String, Object> settings,
    JsonNode pipeline,
    boolean stored,
    String setBy,
    Instant setDateTime) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ExperimentTestConfig {
    settings = settings == null ? Map.of() : settings;
  }

  /** The settings as indented JSON, for a {@code <pre>}. */
  public String settingsText() {
    return text(settings);
  }

  /** The pipeline as indented JSON, or null when the configuration holds none. */
  public String pipelineText() {
    return pipeline == null || pipeline.isNull() ? null : text(pipeline);
  }

  private static String text(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
