package dev.gort.common.pipeline.report;

import dev.gort.common.pipeline.FailureClass;
import java.time.Instant;

/**
 * One attempt of a job.
 *
 * @param finishedAt null while it runs
 * @param succeeded null while it runs (or when it was halted and no result came)
 * @param exitCode the script's exit code; null when there was none (timeout, launch failure)
 * @param failureClass null unless it failed
 * @param reason why it ended as it did; may be null
 * @param interrupted it was halted (interrupt, cancel)
 * @param log its output: text for a local run, a link for a remote one; null when there is none
 */
public record AttemptReport(
    int number,
    Instant startedAt,
    Instant finishedAt,
    Boolean succeeded,
    Integer exitCode,
    FailureClass failureClass,
    String reason,
    boolean interrupted,
    AttemptLog log) {
  public AttemptReport {
    if (number < 1) {
      throw new InvalidReportException("attempt numbers start at 1, not " + number);
    }
    ReportLimits.required("attempts[].started_at", startedAt);
    ReportLimits.optionalText("attempts[].reason", reason, ReportLimits.MAX_NOTE);
  }
}
