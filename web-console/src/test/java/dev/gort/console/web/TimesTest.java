package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  void durationsReadAtAGlance() {
    assertThat(Times.human(Duration.ofMillis(450))).isEqualTo("450 ms");
    assertThat(Times.human(Duration.ofSeconds(12))).isEqualTo("12 s");
    assertThat(Times.human(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(Times.human(Duration.ofMinutes(3))).isEqualTo("3 min");
    assertThat(Times.human(Duration.ofMinutes(184))).isEqualTo("3 h 4 min");
    assertThat(Times.human(Duration.ofHours(49))).isEqualTo("2 d 1 h");
    assertThat(Times.human(Duration.ofSeconds(-5))).isEqualTo("0 ms");
    assertThat(Times.human(null)).isEmpty();
  }

  @Test
  void timesInUtc() {
    assertThat(Times.utc(Instant.parse("2026-12-03T19:04:05.123Z")))
        .isEqualTo("2026-12-03 19:04:05 UTC");
    assertThat(Times.utc(null)).isEmpty();
  }

  @Test
  void untilNeedsBothEnds() {
    Instant start = Instant.parse("2026-12-03T19:00:00Z");
    assertThat(Times.until(start, start.plusSeconds(90))).isEqualTo("1 min 30 s");
    assertThat(Times.until(start, null)).isEmpty();
  }
}
