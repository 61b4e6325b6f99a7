package dev.gort.common.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as PostgreSQL keeps them ({@code timestamptz}: microseconds). A time that is both stored
 * and sent (in an answer or an event) is truncated first, so what is sent is what a later read
 * returns.
 */
public final class StoredTime {

  private StoredTime() {}

  public static Instant of(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }
}
