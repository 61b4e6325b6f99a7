package dev.gort.common.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.event.MalformedEventException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsumerRetryTest {

  private final ConsumerRetry retry =
      new ConsumerRetry(Duration.ofMillis(1), Duration.ofMillis(5), 3);

  @Test
  void aDependencyThatIsDownIsWaitedForWellPastTheOtherFailuresLimit() {
    AtomicInteger tries = new AtomicInteger();

    retry.untilDone(
        "test",
        () -> {
          if (tries.incrementAndGet() < 20) {
            throw new IllegalStateException(new SQLException("connection refused", "08001"));
          }
        });

    assertThat(tries).hasValue(20);
  }

  @Test
  void anInvalidEventIsThrownAtOnceForTheDeadLetterTopic() {
    AtomicInteger tries = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retry.untilDone(
                    "test",
                    () -> {
                      tries.incrementAndGet();
                      throw new MalformedEventException("not a CloudEvent", null);
                    }))
        .isInstanceOf(MalformedEventException.class);
    assertThat(tries).hasValue(1);
  }

  @Test
  void anyOtherFailureIsTriedABoundedNumberOfTimes() {
    AtomicInteger tries = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retry.untilDone(
                    "test",
                    () -> {
                      tries.incrementAndGet();
                      throw new IllegalArgumentException("a bug");
                    }))
        .hasMessage("a bug");
    assertThat(tries).hasValue(3);
  }

  @Test
  void whileTheServiceStopsTheEventIsLeftUnacknowledged() {
    retry.onStop(null);

    assertThatThrownBy(
            () ->
                retry.untilDone(
                    "test",
                    () -> {
                      throw new IllegalStateException(new SQLException("down", "08006"));
                    }))
        .isInstanceOf(IllegalStateException.class);
  }
}
