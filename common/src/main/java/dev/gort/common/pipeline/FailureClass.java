package dev.gort.common.pipeline;

import java.util.Locale;
import java.util.Optional;

/** GitLab's failure classes, as {@code retry.when} names them. */
public enum FailureClass {
  ALWAYS,
  UNKNOWN_FAILURE,
  SCRIPT_FAILURE,
  API_FAILURE,
  STUCK_OR_TIMEOUT_FAILURE,
  RUNNER_SYSTEM_FAILURE,
  RUNNER_UNSUPPORTED,
  JOB_EXECUTION_TIMEOUT,
  SCHEDULER_FAILURE,
  DATA_INTEGRITY_FAILURE;

  /** The name a pipeline file uses, e.g. {@code runner_system_failure}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FailureClass> fromWireName(String name) {
    for (FailureClass c : values()) {
      if (c.wireName().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
