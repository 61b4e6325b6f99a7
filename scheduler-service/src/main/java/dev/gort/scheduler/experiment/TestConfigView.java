package dev.gort.scheduler.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineParser;
import java.time.Instant;
import java.util.Map;

/**
 * An experiment's test configuration as {@code GET /api/v1/experiments/{slug}/test-config} shows
 * it. {@code stored} is false when none is stored: then the runner is the default runner, the kind
 * {@code test}, and the settings empty (the runner's own defaults apply). {@code pipeline}, when
 * present, is the pipeline a test run runs, in its file's shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestConfigView(
    String experiment,
    String runner,
    String kind,
    Map<String, Object> settings,
    JsonNode pipeline,
    boolean stored,
    String setBy,
    Instant setDateTime,
    @JsonIgnore long version) {

  /** The {@code ETag} of a stored configuration; null for the defaults. */
  public String etag() {
    return stored ? "\"" + version + "\"" : null;
  }

  static TestConfigView of(TestConfig config) {
    return new TestConfigView(
        config.experiment,
        config.runner,
        config.kind,
        config.settings(),
        config.pipelineJson == null
            ? null
            : PipelineJson.toJsonNode(new PipelineParser().parse(config.pipelineJson)),
        true,
        config.setBy,
        config.setAt,
        config.version);
  }
}
