package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.StepState;

/**
 * What a job result did to its step.
 *
 * @param state the step's state afterwards (null for an unknown job)
 */
public record ResultOutcome(Handling handling, StepState state, String detail) {

  public enum Handling {
    /** The result moved the step on. */
    APPLIED,
    /** The attempt had been halted: the result is kept in its history, nothing else changes. */
    RECORDED_ONLY,
    /** The attempt already has a result: nothing changes. */
    DUPLICATE,
    /** No such attempt, or the step is not running it: nothing changes. */
    STALE,
    /** No step has that name: nothing changes. */
    UNKNOWN_JOB
  }

  public boolean changedAnything() {
    return handling == Handling.APPLIED || handling == Handling.RECORDED_ONLY;
  }
}
