package dev.gort.gateway.attempt;

/** Where one dispatch attempt stands; {@link AttemptLifecycle} says how it moves. */
public enum AttemptState {
  /** Waiting to be handed to the runner (or to be tried again). */
  PENDING,
  /** The runner accepted it; a report is expected before the deadline. */
  DISPATCHED,
  /** The runner reported how the job ended; the report is stored. */
  CALLED_BACK,
  /** No report before the deadline, or the runner reported a timeout; a later one is stale. */
  TIMED_OUT,
  /** The owner cancelled the run; a later report is stale. */
  CANCELLED,
  /** The job cannot run: no usable runner has its code, or the runner refused it as invalid. */
  REJECTED
}
