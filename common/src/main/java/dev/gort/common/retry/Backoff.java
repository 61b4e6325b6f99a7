package dev.gort.common.retry;

import java.time.Duration;

/** Exponential back-off: {@code first}, then doubling per failed try, never above {@code max}. */
public record Backoff(Duration first, Duration max) {

  public Backoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, got " + first + ", " + max);
    }
  }

  /** How long to wait after the {@code failedTries}-th failure (1 = the first failure). */
  public Duration after(int failedTries) {
    int doublings = Math.max(0, Math.min(failedTries - 1, 30));
    long millis = first.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
