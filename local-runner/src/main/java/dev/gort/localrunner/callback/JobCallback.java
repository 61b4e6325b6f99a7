package dev.gort.localrunner.callback;

/**
 * What the agent reports when a job ends: the body of Gort's generic runners' callback (as the
 * {@code sim} runner sends it), signed over the callback URL's token and these exact bytes. {@code
 * exitCode} is the job's recorded exit code: 0 when it passed, the failing command's code when one
 * exited non-zero, null when no command's exit decided it (a timeout, a cancel, an infra failure).
 */
public record JobCallback(
    String jobId,
    String runId,
    Integer attempt,
    String status,
    String resultsUrl,
    String detail,
    Integer exitCode) {}
