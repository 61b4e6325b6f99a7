package dev.gort.gateway.runner.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GitHubRateLimitTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void retryAfterSecondsComeFirst() {
    assertThat(GitHubRateLimit.retryAt(403, "60", "0", "1772366400", "", NOW))
        .hasValue(NOW.plusSeconds(60));
    assertThat(GitHubRateLimit.retryAt(429, "Sun, 01 Mar 2026 10:05:00 GMT", null, null, "", NOW))
        .hasValue(Instant.parse("2026-03-01T10:05:00Z"));
  }

  @Test
  void exhaustedPrimaryLimitWaitsForItsReset() {
    long reset = NOW.plusSeconds(1800).getEpochSecond();
    assertThat(GitHubRateLimit.retryAt(403, null, "0", Long.toString(reset), "", NOW))
        .hasValue(Instant.ofEpochSecond(reset));
    // a reset already past: try again right away, not at a moment gone by
    assertThat(
            GitHubRateLimit.retryAt(
                403, null, "0", Long.toString(NOW.getEpochSecond() - 5), "", NOW))
        .hasValue(NOW.plusSeconds(1));
  }

  @Test
  void secondaryLimitWithoutHeadersWaitsAMinute() {
    assertThat(GitHubRateLimit.retryAt(429, null, null, null, "", NOW))
        .hasValue(NOW.plusSeconds(60));
    assertThat(
            GitHubRateLimit.retryAt(
                403, null, "4000", null, "You have exceeded a secondary rate limit.", NOW))
        .hasValue(NOW.plusSeconds(60));
  }

  @Test
  void forbiddenWithoutALimitAndOtherStatusesAreNoRateLimit() {
    assertThat(
            GitHubRateLimit.retryAt(
                403, null, "4999", "1", "Resource not accessible by integration", NOW))
        .isEmpty();
    assertThat(GitHubRateLimit.retryAt(500, "30", "0", "1", "", NOW)).isEmpty();
    assertThat(GitHubRateLimit.retryAt(422, null, null, null, "rate limit", NOW)).isEmpty();
  }
}
