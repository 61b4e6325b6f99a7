package dev.gort.simulators.openstack;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The time formats of the OpenStack services, each as the real one writes it. */
final class OpenStackTime {

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter BLAZAR_INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private OpenStackTime() {}

  /** Keystone: {@code 2026-12-03T10:00:00.000000Z}. */
  static String keystone(Instant t) {
    return MICROS.format(t) + "Z";
  }

  /** Nova, Glance, Neutron: {@code 2026-12-03T10:00:00Z}. */
  static String iso(Instant t) {
    return SECONDS.format(t) + "Z";
  }

  /** Nova's launched_at: {@code 2026-12-03T10:00:00.000000}. */
  static String novaMicros(Instant t) {
    return MICROS.format(t);
  }

  /** Blazar's start_date, end_date, event time: {@code 2026-12-03T10:00:00.000000}. */
  static String blazar(Instant t) {
    return MICROS.format(t);
  }

  /** Blazar's created_at, updated_at: {@code 2026-12-03 10:00:00}. */
  static String blazarRecord(Instant t) {
    return SPACED.format(t);
  }

  /**
   * Blazar's input date: {@code YYYY-MM-DD HH:MM} (UTC), or {@code now}.
   *
   * @throws IllegalArgumentException it is neither
   */
  static Instant parseBlazar(String value, Instant now) {
    if ("now".equals(value)) {
      return now.truncatedTo(ChronoUnit.SECONDS);
    }
    try {
      return LocalDateTime.parse(value, BLAZAR_INPUT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("invalid date format");
    }
  }
}
