package dev.gort.gateway.runner.github;

import dev.gort.gateway.runner.RunnerApi;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Whether an answer is GitHub's rate limit, and until when to wait (docs.github.com, "Rate limits
 * for the REST API": a 403 or 429; {@code Retry-After} seconds first; else {@code
 * x-ratelimit-remaining: 0} means wait until {@code x-ratelimit-reset}, epoch seconds; else a
 * secondary limit without headers: wait at least a minute). A 403 that is none of these is a
 * permission problem, not a limit.
 */
final class GitHubRateLimit {

  static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);

  private GitHubRateLimit() {}

  static Optional<Instant> retryAt(RunnerApi.Answer answer, Instant now) {
    return retryAt(
        answer.status(),
        answer.header("Retry-After"),
        answer.header("x-ratelimit-remaining"),
        answer.header("x-ratelimit-reset"),
        answer.status() == 403 || answer.status() == 429 ? answer.message() : "",
        now);
  }

  static Optional<Instant> retryAt(
      int status, String retryAfter, String remaining, String reset, String message, Instant now) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    Optional<Instant> after = retryAfter(retryAfter, now);
    if (after.isPresent()) {
      return after;
    }
    if ("0".equals(trim(remaining))) {
      Optional<Instant> at = epochSeconds(reset);
      return Optional.of(at.filter(now::isBefore).orElse(now.plusSeconds(1)));
    }
    if (status == 429 || message.toLowerCase(java.util.Locale.ROOT).contains("rate limit")) {
      return Optional.of(now.plus(SECONDARY_WAIT));
    }
    return Optional.empty();
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
  private static Optional<Instant> retryAfter(String value, Instant now) {
    String text = trim(value);
    if (text == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(text);
      return seconds < 0 ? Optional.empty() : Optional.of(now.plusSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        return Optional.of(
            ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Instant> epochSeconds(String value) {
    try {
      String text = trim(value);
      return text == null
          ? Optional.empty()
          : Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String trim(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
