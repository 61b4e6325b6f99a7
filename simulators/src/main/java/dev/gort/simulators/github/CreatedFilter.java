package dev.gort.simulators.github;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;

/**
 * The {@code created} parameter of GitHub's run lists, in GitHub's search date syntax: {@code >=X},
 * {@code >X}, {@code <=X}, {@code <X}, {@code X..Y} ({@code *} for an open end) or {@code X}, each
 * X a date ({@code 2026-01-31}) or a date-time ({@code 2026-01-31T10:00:00Z}).
 */
final class CreatedFilter {

  private CreatedFilter() {}

  /**
   * @throws GitHubApiError 422 for a value that is none of the forms above
   */
  static Predicate<Instant> parse(String value) {
    // a '+' of an offset arrives as a space when the client did not encode it
    String text = value.trim().replace(' ', '+');
    try {
      if (text.startsWith(">=")) {
        Instant from = start(text.substring(2));
        return t -> !t.isBefore(from);
      }
      if (text.startsWith("<=")) {
        Instant until = end(text.substring(2));
        return t -> t.isBefore(until);
      }
      if (text.startsWith(">")) {
        Instant after = end(text.substring(1));
        return t -> !t.isBefore(after);
      }
      if (text.startsWith("<")) {
        Instant before = start(text.substring(1));
        return t -> t.isBefore(before);
      }
      int range = text.indexOf("..");
      if (range >= 0) {
        String low = text.substring(0, range);
        String high = text.substring(range + 2);
        Instant from = "*".equals(low) ? Instant.MIN : start(low);
        Instant until = "*".equals(high) ? Instant.MAX : end(high);
        return t -> !t.isBefore(from) && t.isBefore(until);
      }
      Instant from = start(text);
      Instant until = end(text);
      return t -> !t.isBefore(from) && t.isBefore(until);
    } catch (DateTimeParseException e) {
      throw GitHubApiError.unprocessable("Invalid created filter: not a date or date-time range");
    }
  }

  /** The first instant {@code text} covers. */
  private static Instant start(String text) {
    return text.length() == 10
        ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
        : OffsetDateTime.parse(text).toInstant();
  }

  /** The first instant after what {@code text} covers (a whole day, or one second). */
  private static Instant end(String text) {
    return text.length() == 10
        ? LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
        : OffsetDateTime.parse(text).toInstant().plusSeconds(1);
  }
}
