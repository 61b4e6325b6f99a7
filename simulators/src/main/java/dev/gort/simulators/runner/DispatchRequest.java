package dev.gort.simulators.runner;

/** Body of {@code POST /runners/{runner}/jobs}, as Gort's runner gateway sends it. */
public record DispatchRequest(
    String runId,
    Integer attempt,
    String experiment,
    String revision,
    String kind,
    String callbackUrl) {}
