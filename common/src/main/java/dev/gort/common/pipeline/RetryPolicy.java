package dev.gort.common.pipeline;

import java.util.Set;

/**
 * How often a failed job is run again by itself, and for which failure classes ({@code retry: {max:
 * 1, when: [runner_system_failure]}}); {@code when} empty means {@code always}, as in GitLab.
 */
public record RetryPolicy(int max, Set<FailureClass> when) {
  public static final int MAX = 2;
  public static final RetryPolicy NONE = new RetryPolicy(0, Set.of());

  public RetryPolicy {
    if (max < 0 || max > MAX) {
      throw new IllegalArgumentException("retry max must be 0.." + MAX);
    }
    when = Set.copyOf(when);
  }

  /** Whether a failure of class {@code failure} on attempt {@code attempt} (1-based) is re-run. */
  public boolean retries(FailureClass failure, int attempt) {
    if (attempt > max) {
      return false;
    }
    return when.isEmpty() || when.contains(FailureClass.ALWAYS) || when.contains(failure);
  }
}
