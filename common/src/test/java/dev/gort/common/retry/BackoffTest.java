package dev.gort.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

  @Test
  void doublesFromTheFirstDelayUpToTheMaximum() {
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void manyTriesNeverOverflowPastTheMaximum() {
    assertThat(backoff.after(1000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void rejectsAMaximumBelowTheFirstDelay() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
