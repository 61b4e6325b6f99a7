package dev.gort.localrunner.callback;

/**
 * What the agent reports when a job ends: the body of Gort's generic runners' callback (as the
 * {@code sim} runner sends it), signed over the callback URL's token and these exact bytes.
 */
public record JobCallback(
    String jobId, String runId, Integer attempt, String status, String resultsUrl, String detail) {}
