package dev.gort.common.pipeline.run;

/** Why a step ended {@code SKIPPED}; it decides what the skip means for the step's dependents. */
public enum SkipCause {
  /** A user skipped it: counts as settled well, dependents go on. */
  BY_USER,
  /** A link to it (on_success/on_failure) never fired: it was not wanted, dependents go on. */
  LINK_NOT_FIRED,
  /** Something it needs failed (or was skipped for that reason): its dependents are skipped too. */
  NEED_FAILED,
  /** The run was cancelled. */
  CANCELLED;

  /** Whether a step skipped for this cause lets the steps that need it run. */
  public boolean settlesWell() {
    return this != NEED_FAILED;
  }
}
