package dev.gort.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock services read time from; tests replace it with a fixed or stepping clock. It ticks
 * in microseconds, as PostgreSQL keeps times ({@link StoredTime}): an answer or an event made
 * before its transaction commits shows the time a later read returns.
 */
@Singleton
public class Clocks {

  @Produces
  @Singleton
  @DefaultBean
  Clock utc() {
    return new MicrosecondClock(Clock.systemUTC());
  }
}
