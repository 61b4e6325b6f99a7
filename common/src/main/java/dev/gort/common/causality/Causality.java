package dev.gort.common.causality;

/** How two stamps are ordered in causal time, from the point of view of the first. */
public enum Causality {
  /** The first happened before the second: everything it saw, the second saw too, and more. */
  BEFORE,
  /** The second happened before the first. */
  AFTER,
  /** Both saw exactly the same events (their ids may still differ). */
  EQUAL,
  /** Each saw an event the other did not. */
  CONCURRENT
}
