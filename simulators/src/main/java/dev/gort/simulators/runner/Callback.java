package dev.gort.simulators.runner;

/**
 * The body a runner POSTs to Gort's callback URL when a job ends. Field order is the wire order.
 */
public record Callback(
    String jobId,
    String runId,
    int attempt,
    String experiment,
    String status,
    String resultsUrl,
    String finishedAt) {}
