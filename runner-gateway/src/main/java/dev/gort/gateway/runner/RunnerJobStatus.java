package dev.gort.gateway.runner;

/**
 * A runner's answer to a status poll: {@code status} as it said it, for the record; whether the job
 * has {@code finished} (so its callback may be on its way); and, where the runner's answer says how
 * it ended, that {@code report}, which stands in for a callback that never came.
 */
public record RunnerJobStatus(String status, boolean finished, RunnerReport report) {

  public static RunnerJobStatus running(String status) {
    return new RunnerJobStatus(status, false, null);
  }

  /** Finished, but the answer does not say how: its callback is awaited. */
  public static RunnerJobStatus finished(String status) {
    return new RunnerJobStatus(status, true, null);
  }

  /** Finished as {@code report} says: recorded as if its callback had come. */
  public static RunnerJobStatus recovered(String status, RunnerReport report) {
    return new RunnerJobStatus(status, true, report);
  }
}
