package dev.gort.scheduler.run;

/** The optional body of {@code POST /api/v1/experiments/{slug}/test-runs}. */
public record TestRunRequest(String runner, String revision, String pipeline) {}
