package dev.gort.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClocksTest {

  private final Clock clock = new Clocks().utc();

  @Test
  void everyTimeReadIsAsStoredAndUtc() {
    for (int i = 0; i < 1_000; i++) {
      Instant now = clock.instant();
      assertThat(StoredTime.of(now)).isEqualTo(now);
    }
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void timeStillMovesAndStaysCloseToTheSystemClock() throws InterruptedException {
    Instant first = clock.instant();
    Thread.sleep(2);
    Instant second = clock.instant();

    assertThat(second).isAfter(first);
    assertThat(Instant.now().toEpochMilli() - second.toEpochMilli()).isBetween(0L, 1_000L);
  }

  @Test
  void millisAgreeWithTheInstant() {
    long before = clock.instant().toEpochMilli();
    long millis = clock.millis();
    long after = clock.instant().toEpochMilli();

    assertThat(millis).isBetween(before, after);
  }

  @Test
  void anotherZoneKeepsTheResolution() {
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant().getNano() % 1_000).isZero();
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }
}
