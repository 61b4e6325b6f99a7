package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/pipeline-runs}: the pipeline in its file's shape (a JSON object, as the CLI
 * sends it, or the file's YAML text as a string), and what the run is about.
 *
 * @param start whether the run starts at once (default true); false leaves every step ready
 * @param pauseOnFailure a failure neither retried nor allowed pauses its step instead of failing
 */
public record PipelineRunRequest(
    JsonNode pipeline,
    String experiment,
    String repository,
    String commit,
    Boolean start,
    Boolean pauseOnFailure) {}
