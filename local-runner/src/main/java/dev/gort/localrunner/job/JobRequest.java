package dev.gort.localrunner.job;

import java.util.List;
import java.util.Map;

/**
 * A job as the gateway submits it ({@code POST /api/v1/jobs}); {@link JobSpec#check} checks it.
 * Unknown fields are refused.
 */
public record JobRequest(
    String attemptId,
    String runId,
    Integer attempt,
    String experiment,
    String revision,
    String kind,
    String callbackUrl,
    List<String> commands,
    Map<String, String> env,
    String timeout,
    String image,
    String workdir) {}
