package dev.gort.gateway.dispatch;

/** Where one dispatch attempt stands. */
public enum AttemptState {
  /** Waiting to be handed to the runner (or to be tried again). */
  PENDING,
  /** The runner accepted it; a callback is expected before the deadline. */
  DISPATCHED,
  /** The runner called back; the result is stored. */
  CALLED_BACK
}
