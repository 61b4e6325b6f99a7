package dev.gort.common.pipeline;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A job's {@code timeout}: {@code 90s}, {@code 30m}, {@code 1h 30m}, or ISO-8601 {@code PT30M}. */
final class TimeoutText {

  static final Duration MIN = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofHours(24);

  static final String FORMATS = "\"90s\", \"30m\", \"1h 30m\" or \"PT30M\"";

  // digits bounded so that no number overflows before the range check
  private static final Pattern UNITS =
      Pattern.compile("(?:(\\d{1,5})\\s*h)?\\s*(?:(\\d{1,7})\\s*m)?\\s*(?:(\\d{1,9})\\s*s)?");

  private TimeoutText() {}

  /** The duration, or null when {@code text} is in none of the formats. */
  static Duration parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(trimmed);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher matcher = UNITS.matcher(trimmed);
    if (!matcher.matches()) {
      return null;
    }
    return Duration.ofHours(number(matcher.group(1)))
        .plusMinutes(number(matcher.group(2)))
        .plusSeconds(number(matcher.group(3)));
  }

  /** Why {@code duration} is not allowed, or null when it is. */
  static String outOfRange(Duration duration) {
    if (duration.getNano() != 0) {
      return "must be a whole number of seconds";
    }
    if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
      return "must be from 1s to 24h, found " + describe(duration);
    }
    return null;
  }

  private static String describe(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
