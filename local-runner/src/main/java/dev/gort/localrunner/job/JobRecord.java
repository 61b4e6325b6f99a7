package dev.gort.localrunner.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What the agent keeps of a job on disk ({@code <work-dir>/<jobId>/job.json}), written when it
 * starts and when it ends, so that after a restart the agent still knows its jobs: ended ones as
 * they ended, and ones that were running as ended {@code infra-failure} ("the agent stopped while
 * the job ran"). The callback URL (it carries the gateway's per-attempt token) is not kept.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobRecord(
    String jobId,
    String attemptId,
    String readToken,
    String runId,
    Integer attempt,
    String experiment,
    String revision,
    String kind,
    String status,
    Outcome outcome,
    String detail,
    Integer exitCode,
    Instant createdDateTime,
    Instant finishedDateTime,
    String callbackStatus,
    List<CommandResult> commands) {}
