package dev.gort.gateway.runner;

import java.time.Instant;

/**
 * The runner asks Gort to wait until {@code retryAt} (a rate limit): the call is made again then,
 * and the wait is not counted as a failed try.
 */
public class RunnerRateLimitedException extends RunnerUnavailableException {

  private final Instant retryAt;

  public RunnerRateLimitedException(String message, Instant retryAt) {
    super(message, null);
    this.retryAt = retryAt;
  }

  public Instant retryAt() {
    return retryAt;
  }
}
