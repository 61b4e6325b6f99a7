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
  void whileTheServiceStopsAWaitingEventIsNeitherAcknowledgedNorDeadLettered() throws Exception {
    retry.onStop(null);
    AtomicInteger tries = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Throwable> outcome =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread consumer =
        new Thread(
            () -> {
              try {
                retry.untilDone(
                    "test",
                    () -> {
                      tries.incrementAndGet();
                      throw new IllegalStateException(new SQLException("down", "08006"));
                    });
                outcome.set(new AssertionError("returned: the event would be acknowledged"));
              } catch (RuntimeException e) {
                outcome.set(e);
              }
            });
    consumer.setDaemon(true);
    consumer.start();

    Thread.sleep(300);
    consumer.interrupt();
    Thread.sleep(300);

    assertThat(consumer.isAlive()).as("still holding the event").isTrue();
    assertThat(outcome.get()).as("neither returned nor thrown").isNull();
    assertThat(tries).hasValue(1);
  }
}
