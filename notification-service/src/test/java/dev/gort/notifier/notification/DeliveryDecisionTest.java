package dev.gort.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryDecisionTest {

  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aFailureThatCanPassIsTriedAgainLaterEachTime() {
    assertThat(DeliveryDecision.after(1, 5, false, BACKOFF, NOW))
        .isEqualTo(new DeliveryDecision(false, NOW.plusSeconds(1)));
    assertThat(DeliveryDecision.after(3, 5, false, BACKOFF, NOW))
        .isEqualTo(new DeliveryDecision(false, NOW.plusSeconds(4)));
  }

  @Test
  void theLastTryFailsTheNotification() {
    assertThat(DeliveryDecision.after(5, 5, false, BACKOFF, NOW).failed()).isTrue();
  }

  @Test
  void aPermanentFailureFailsItAtOnce() {
    assertThat(DeliveryDecision.after(1, 5, true, BACKOFF, NOW).failed()).isTrue();
  }
}
