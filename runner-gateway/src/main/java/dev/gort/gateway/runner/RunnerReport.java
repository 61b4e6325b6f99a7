package dev.gort.gateway.runner;

import dev.gort.common.event.RunnerStatus;

/**
 * What a verified callback (or a status poll) says about a job.
 *
 * @param jobId the runner's job id the report is about
 * @param kind the kind of job, where the report says (null when it does not)
 * @param outcome how the job ended; null while it is still running (a progress report)
 * @param resultsUrl where the job's results are, for the results worker (null when it has none)
 * @param runId Gort's run id, where the report repeats it (checked against the attempt)
 * @param attempt Gort's attempt number, where the report repeats it (checked against the attempt)
 * @param detail what the runner said, in its own words, for the record (e.g. {@code conclusion:
 *     startup_failure})
 * @param deliveryId the runner's id of this delivery, where it has one: a delivery seen before
 *     changes nothing
 * @param ignored why the delivery is none of Gort's business (a ping, a job Gort did not start);
 *     when set, the other fields may be null
 * @param exitCode the job's exit code, where the runner reports one (Gort's own runners do)
 */
public record RunnerReport(
    String jobId,
    RunKind kind,
    RunnerStatus outcome,
    String resultsUrl,
    String runId,
    Integer attempt,
    String detail,
    String deliveryId,
    String ignored,
    Integer exitCode) {

  /** A job that ended with {@code outcome}. */
  public static RunnerReport finished(
      String jobId, RunKind kind, RunnerStatus outcome, String resultsUrl, String detail) {
    return new RunnerReport(jobId, kind, outcome, resultsUrl, null, null, detail, null, null, null);
  }

  /** A job that is still running. */
  public static RunnerReport progress(String jobId, RunKind kind, String detail) {
    return new RunnerReport(jobId, kind, null, null, null, null, detail, null, null, null);
  }

  /** A delivery with nothing for Gort (answered 200/202, changes nothing). */
  public static RunnerReport ignored(String why) {
    return new RunnerReport(null, null, null, null, null, null, null, null, why, null);
  }

  public RunnerReport withDelivery(String id) {
    return new RunnerReport(
        jobId, kind, outcome, resultsUrl, runId, attempt, detail, id, ignored, exitCode);
  }

  public RunnerReport naming(String runId, Integer attempt) {
    return new RunnerReport(
        jobId, kind, outcome, resultsUrl, runId, attempt, detail, deliveryId, ignored, exitCode);
  }

  /** This report with the job's exit code (null: the runner reported none). */
  public RunnerReport withExitCode(Integer code) {
    return new RunnerReport(
        jobId, kind, outcome, resultsUrl, runId, attempt, detail, deliveryId, ignored, code);
  }

  public boolean isIgnored() {
    return ignored != null;
  }

  public boolean isFinished() {
    return outcome != null;
  }
}
