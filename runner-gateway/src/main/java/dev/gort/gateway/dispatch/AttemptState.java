package dev.gort.gateway.dispatch;

/** Where one dispatch attempt stands. */
public enum AttemptState {
  /** Waiting to be handed to the runner (or to be tried again). */
  PENDING,
  /** The runner accepted it; a callback is expected before the deadline. */
  DISPATCHED,
  /** The runner called back; the result is stored. */
  CALLED_BACK,
  /** No callback before the deadline, or the runner reported a timeout; a later one is stale. */
  TIMED_OUT,
  /** The owner cancelled the run; a later callback is stale. */
  CANCELLED;

  /** Whether a callback for an attempt in this state still counts. */
  public boolean awaitsCallback() {
    return this == PENDING || this == DISPATCHED;
  }
}
