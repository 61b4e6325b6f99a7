package dev.gort.common.pipeline.run;

/**
 * What moves a step: the user's actions (the first eight, one per {@link StepAction}) and the
 * engine's own triggers (a step became due, could never become due, a job's result arrived, the run
 * was cancelled).
 */
public enum StepTrigger {
  START,
  PAUSE,
  INTERRUPT,
  RESUME,
  RERUN,
  SKIP,
  UNSKIP,
  SEND_MESSAGE,
  /** Due and sent to a runner: a new attempt. */
  DISPATCHED,
  /** Due, but its job has an {@code input} prompt and no message yet. */
  INPUT_REQUESTED,
  /** Its preconditions can never hold (a need failed, or no link to it can fire any more). */
  NEVER_DUE,
  /** A step marked to skip was reached (it would be due, or its running job ended). */
  SKIP_REACHED,
  SUCCEEDED,
  /** Failed, and its retry policy runs it again. */
  RETRIED,
  /** Failed in a way {@code allow_failure} tolerates. */
  FAILED_ALLOWED,
  FAILED,
  /** Failed, and the run holds failures for the user ({@code pauseOnFailure}). */
  FAILED_PAUSING,
  /** The job of a step marked to pause ended: the result is held, the step pauses. */
  RESULT_HELD,
  CANCEL
}
