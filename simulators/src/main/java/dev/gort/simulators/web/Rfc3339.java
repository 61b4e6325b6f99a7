package dev.gort.simulators.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times on the wire: RFC 3339 in UTC, millisecond precision. */
public final class Rfc3339 {

  private Rfc3339() {}

  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
