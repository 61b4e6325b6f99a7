package dev.gort.common.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock whose instants are cut to the microsecond. Not {@code Clock.tick(clock, 1 µs)}: on Java
 * 17 that clock's {@code millis()} divides by zero for any tick under a millisecond.
 */
public final class MicrosecondClock extends Clock {

  private final Clock base;

  public MicrosecondClock(Clock base) {
    this.base = base;
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(base.getZone()) ? this : new MicrosecondClock(base.withZone(zone));
  }

  @Override
  public Instant instant() {
    return StoredTime.of(base.instant());
  }

  @Override
  public long millis() {
    return base.millis();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MicrosecondClock clock && base.equals(clock.base);
  }

  @Override
  public int hashCode() {
    return base.hashCode() ^ 0x4d6963;
  }

  @Override
  public String toString() {
    return "MicrosecondClock[" + base + "]";
  }
}
