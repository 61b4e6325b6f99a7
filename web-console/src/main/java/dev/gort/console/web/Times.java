package dev.gort.console.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times and durations as pages show them. A time is rendered in UTC ({@code tags/time.html}) and
 * rewritten in the browser's time zone by console.js, the UTC value kept on hover; a duration in
 * words a person reads at a glance ("2 min 5 s").
 */
@TemplateExtension
public final class Times {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2026-12-03 19:04:05 UTC}. */
  public static String utc(Instant instant) {
    return instant == null ? "" : UTC.format(instant);
  }

  /** {@code 450 ms}, {@code 12 s}, {@code 2 min 5 s}, {@code 3 h 4 min}, {@code 2 d 1 h}. */
  public static String human(Duration duration) {
    if (duration == null) {
      return "";
    }
    if (duration.isNegative()) {
      duration = Duration.ZERO;
    }
    long seconds = duration.getSeconds();
    if (seconds < 1) {
      return duration.toMillis() + " ms";
    }
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + " min" + part(seconds % 60, "s");
    }
    if (seconds < 86_400) {
      return (seconds / 3600) + " h" + part((seconds % 3600) / 60, "min");
    }
    return (seconds / 86_400) + " d" + part((seconds % 86_400) / 3600, "h");
  }

  /** The time from {@code start} to {@code end}, in words; empty when either is unknown. */
  public static String until(Instant start, Instant end) {
    return start == null || end == null ? "" : human(Duration.between(start, end));
  }

  private static String part(long value, String unit) {
    return value == 0 ? "" : " " + value + " " + unit;
  }
}
