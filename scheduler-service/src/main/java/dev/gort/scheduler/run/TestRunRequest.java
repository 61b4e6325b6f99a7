package dev.gort.scheduler.run;

import java.util.Map;

/**
 * The optional body of {@code POST /api/v1/experiments/{slug}/test-runs}. {@code runner} and {@code
 * kind} choose over the experiment's test configuration (and the defaults); {@code settings} are
 * merged over its stored settings for this run only (one level deep; a null removes a setting).
 */
public record TestRunRequest(
    String runner, String revision, String pipeline, String kind, Map<String, Object> settings) {}
