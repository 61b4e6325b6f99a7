package dev.gort.gateway.runner;

/**
 * A runner's answer to a status poll: {@code status} as it said it, for the record, and whether the
 * job has {@code finished} (so its callback may be on its way).
 */
public record RunnerJobStatus(String status, boolean finished) {

  public static RunnerJobStatus running(String status) {
    return new RunnerJobStatus(status, false);
  }

  public static RunnerJobStatus finished(String status) {
    return new RunnerJobStatus(status, true);
  }
}
