package dev.gort.simulators.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's rate limit: every call spends one of {@link #LIMIT} per hour and carries GitHub's
 * {@code x-ratelimit-*} headers; the control API can make the next calls fail as GitHub does when a
 * primary limit (403/429, {@code x-ratelimit-remaining: 0}, wait for {@code x-ratelimit-reset}) or
 * a secondary one ({@code Retry-After}) is hit.
 */
final class RateLimit {

  static final int LIMIT = 5000;
  static final String DOCS =
      "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";

  private final Clock clock;
  private Instant windowEnd;
  private int used;
  private Imposed imposed;

  /** The next {@code calls} API calls answer {@code status}. */
  record Imposed(int calls, int status, Integer retryAfterSeconds, Integer resetInSeconds) {}

  RateLimit(Clock clock) {
    this.clock = clock;
    this.windowEnd = clock.instant().plus(Duration.ofHours(1));
  }

  synchronized void impose(Imposed next) {
    imposed = next.calls() > 0 ? next : null;
  }

  /** How many more calls fail. */
  synchronized int failing() {
    return imposed == null ? 0 : imposed.calls();
  }

  /**
   * Counts one call: the headers to answer it with, or the rate-limit error it gets instead.
   *
   * @throws GitHubApiError 403 or 429 while a failure is imposed
   */
  synchronized Map<String, String> spend() {
    Instant now = clock.instant();
    if (!now.isBefore(windowEnd)) {
      windowEnd = now.plus(Duration.ofHours(1));
      used = 0;
    }
    if (imposed != null) {
      Imposed failing = imposed;
      imposed =
          failing.calls() > 1
              ? new Imposed(
                  failing.calls() - 1,
                  failing.status(),
                  failing.retryAfterSeconds(),
                  failing.resetInSeconds())
              : null;
      throw refusal(failing, now);
    }
    used = Math.min(used + 1, LIMIT);
    return headers(LIMIT - used, windowEnd);
  }

  private GitHubApiError refusal(Imposed failing, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    boolean secondary = failing.retryAfterSeconds() != null;
    Integer resetIn =
        failing.resetInSeconds() != null ? failing.resetInSeconds() : secondary ? null : 60;
    if (resetIn != null) {
      headers.putAll(headers(0, now.plusSeconds(resetIn)));
    } else {
      headers.put("x-ratelimit-limit", Integer.toString(LIMIT));
      headers.put("x-ratelimit-remaining", "0");
    }
    if (secondary) {
      headers.put("Retry-After", Integer.toString(failing.retryAfterSeconds()));
    }
    // the messages GitHub's primary and secondary limits answer with (REST docs, "rate limits")
    String message =
        secondary
            ? "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
            : "API rate limit exceeded for user ID 1.";
    return new GitHubApiError(failing.status(), message, headers, DOCS);
  }

  private static Map<String, String> headers(int remaining, Instant reset) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-ratelimit-limit", Integer.toString(LIMIT));
    headers.put("x-ratelimit-remaining", Integer.toString(remaining));
    headers.put("x-ratelimit-reset", Long.toString(reset.getEpochSecond()));
    headers.put("x-ratelimit-used", Integer.toString(LIMIT - remaining));
    headers.put("x-ratelimit-resource", "core");
    return headers;
  }
}
