package dev.gort.common.event;

/** What a runner reported for one attempt, as carried by {@link RunEvents.RunCompleted}. */
public enum RunnerStatus {
  PASSED,
  FAILED,
  TIMEOUT,
  INFRA_FAILURE,
  CANCELLED
}
