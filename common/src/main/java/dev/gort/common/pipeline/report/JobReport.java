package dev.gort.common.pipeline.report;

import dev.gort.common.pipeline.StepState;
import java.util.List;

/**
 * One job of a reported run: its step as it ended, and every attempt (a rerun or retry keeps the
 * earlier ones, so a job that failed and then passed shows both and is {@code flaky}).
 *
 * @param image the job's container image; null when it has none
 * @param allowedFailure it ended {@code FAILED} in a way {@code allow_failure} tolerates
 * @param skipReason why it was skipped; null unless {@code SKIPPED}
 */
public record JobReport(
    String name,
    String stage,
    String image,
    StepState state,
    boolean allowedFailure,
    boolean flaky,
    String skipReason,
    List<AttemptReport> attempts) {
  public JobReport {
    ReportLimits.name("jobs[].name", name);
    ReportLimits.name("jobs[].stage", stage);
    ReportLimits.optionalText("jobs[].image", image, ReportLimits.MAX_LABEL);
    ReportLimits.required("jobs[].state", state);
    ReportLimits.optionalText("jobs[].skip_reason", skipReason, ReportLimits.MAX_NOTE);
    attempts = ReportLimits.list("jobs[].attempts", attempts, ReportLimits.MAX_ATTEMPTS);
  }

  /** The latest attempt, or null when it never ran. */
  public AttemptReport lastAttempt() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }
}
