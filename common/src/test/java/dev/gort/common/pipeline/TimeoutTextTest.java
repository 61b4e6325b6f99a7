package dev.gort.common.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutTextTest {

  @Test
  void theShortFormsAndIsoAreRead() {
    assertThat(TimeoutText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(TimeoutText.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TimeoutText.parse("1h 30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TimeoutText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TimeoutText.parse("2h 5m 3s")).isEqualTo(Duration.ofSeconds(7503));
    assertThat(TimeoutText.parse("PT30M")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TimeoutText.parse("pt1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void otherTextIsNoDuration() {
    assertThat(TimeoutText.parse("30")).isNull();
    assertThat(TimeoutText.parse("30 minutes")).isNull();
    assertThat(TimeoutText.parse("30m 1h")).isNull();
    assertThat(TimeoutText.parse("P")).isNull();
    assertThat(TimeoutText.parse("99999999999s")).isNull();
    assertThat(TimeoutText.parse(" ")).isNull();
  }

  @Test
  void theRangeIsOneSecondToADayInWholeSeconds() {
    assertThat(TimeoutText.outOfRange(Duration.ofSeconds(1))).isNull();
    assertThat(TimeoutText.outOfRange(Duration.ofHours(24))).isNull();
    assertThat(TimeoutText.outOfRange(Duration.ofHours(24).plusSeconds(1)))
        .isEqualTo("must be from 1s to 24h, found 24h1s");
    assertThat(TimeoutText.outOfRange(Duration.ofSeconds(-5)))
        .isEqualTo("must be from 1s to 24h, found -5s");
    assertThat(TimeoutText.outOfRange(Duration.ofMillis(1500)))
        .isEqualTo("must be a whole number of seconds");
  }
}
