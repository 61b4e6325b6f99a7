package dev.gort.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedRequestsTest {

  private static final ServiceException IN_FLIGHT =
      new ServiceException(
          409,
          "Conflict",
          "a request with this Idempotency-Key is still in flight; try again shortly",
          Map.of("header", "Idempotency-Key"));

  private final List<Duration> pauses = new ArrayList<>();

  @Test
  void aRequestWhoseKeyIsInFlightIsSentAgainAfterAPauseAndGetsTheFirstAnswer() {
    AtomicInteger calls = new AtomicInteger();

    String answer =
        KeyedRequests.send(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw IN_FLIGHT;
              }
              return "env-1";
            },
            pauses::add);

    assertThat(answer).isEqualTo("env-1");
    assertThat(calls).hasValue(3);
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void itGivesUpAfterFiveTriesWithTheServicesAnswer() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> KeyedRequests.send(alwaysAnswering(IN_FLIGHT, calls), pauses::add))
        .isSameAs(IN_FLIGHT);
    assertThat(calls).hasValue(5);
    assertThat(pauses).hasSize(4);
  }

  @Test
  void anyOtherConflictOrRefusalIsAnsweredAtOnce() {
    ServiceException unfinishedRun =
        new ServiceException(409, "Conflict", "the experiment has an unfinished run");
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> KeyedRequests.send(alwaysAnswering(unfinishedRun, calls), pauses::add))
        .isSameAs(unfinishedRun);
    assertThat(calls).hasValue(1);
    assertThat(pauses).isEmpty();
    assertThat(KeyedRequests.inFlight(unfinishedRun)).isFalse();
    assertThat(
            KeyedRequests.reused(
                new ServiceException(
                    422, "Unprocessable", "used", Map.of("header", "Idempotency-Key"))))
        .isTrue();
    assertThat(KeyedRequests.reused(new ServiceException(422, "Unprocessable", "bad url")))
        .isFalse();
  }

  /** A call the service always refuses with {@code refusal}, counting how often it is made. */
  private static java.util.function.Supplier<String> alwaysAnswering(
      ServiceException refusal, AtomicInteger calls) {
    return () -> {
      calls.incrementAndGet();
      throw refusal;
    };
  }
}
