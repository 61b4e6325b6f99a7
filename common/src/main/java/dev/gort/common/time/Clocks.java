package dev.gort.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock services read time from; tests replace it with a fixed or stepping clock. */
@Singleton
public class Clocks {

  @Produces
  @Singleton
  @DefaultBean
  Clock utc() {
    return Clock.systemUTC();
  }
}
