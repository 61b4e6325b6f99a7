package dev.gort.common.event;

/** How a finished run ended (seed 000). */
public enum Outcome {
  PASSED,
  FAILED,
  TIMED_OUT,
  CANCELLED,
  INFRA_FAILED
}
