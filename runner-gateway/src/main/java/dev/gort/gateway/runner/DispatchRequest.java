package dev.gort.gateway.runner;

/** What a runner needs to run one attempt, and where to report. */
public record DispatchRequest(
    String runId,
    int attempt,
    String experiment,
    String revision,
    String kind,
    String callbackUrl) {}
