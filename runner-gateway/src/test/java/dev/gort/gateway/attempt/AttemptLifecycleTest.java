package dev.gort.gateway.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.statemachine.IllegalTransitionException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The attempt's lifecycle: what each step may follow, and that a refused step changes nothing. */
class AttemptLifecycleTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void aPendingAttemptIsHandedOverThenReported() {
    Attempt a = pending();

    a.handedOver("job-1", NOW, NOW.plusSeconds(60));
    a.reported(null);

    assertThat(a.state).isEqualTo(AttemptState.CALLED_BACK);
    assertThat(a.runnerJobId).isEqualTo("job-1");
    assertThat(a.awaitsReport()).isFalse();
  }

  @Test
  void aReportMayComeBeforeTheHandOverIsRecorded() {
    Attempt a = pending();

    a.reported(null);

    assertThat(a.state).isEqualTo(AttemptState.CALLED_BACK);
  }

  @Test
  void onlyAPendingAttemptIsRejectedOrHandedOver() {
    Attempt a = pending();
    a.handedOver("job-1", NOW, NOW.plusSeconds(60));

    assertThatThrownBy(() -> a.rejected("invalid")).isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> a.handedOver("job-2", NOW, NOW))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(a.state).isEqualTo(AttemptState.DISPATCHED);
    assertThat(a.runnerJobId).isEqualTo("job-1");
    assertThat(a.lastError).isNull();
  }

  @Test
  void anEndedAttemptTakesNoFurtherStep() {
    Attempt timedOut = pending();
    timedOut.timedOut("deadline");
    Attempt cancelled = pending();
    cancelled.cancelled();
    Attempt rejected = pending();
    rejected.rejected("no such workflow");

    for (Attempt a : new Attempt[] {timedOut, cancelled, rejected}) {
      AttemptState before = a.state;
      assertThatThrownBy(() -> a.reported(null)).isInstanceOf(IllegalTransitionException.class);
      assertThatThrownBy(a::cancelled).isInstanceOf(IllegalTransitionException.class);
      assertThatThrownBy(() -> a.timedOut("again")).isInstanceOf(IllegalTransitionException.class);
      assertThat(a.state).isEqualTo(before);
      assertThat(a.awaitsReport()).isFalse();
    }
    assertThat(rejected.lastError).isEqualTo("no such workflow");
  }

  @Test
  void aCancelledAttemptLearnsTheJobOfAHandOverThatWasUnderWayOnce() {
    Attempt a = pending();
    a.cancelled();

    a.tookJobAfterCancel("job-9");

    assertThat(a.state).isEqualTo(AttemptState.CANCELLED);
    assertThat(a.runnerJobId).isEqualTo("job-9");
    assertThatThrownBy(() -> a.tookJobAfterCancel("job-10"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Attempt pending() {
    Attempt a = new Attempt();
    a.id = "attempt-1";
    a.state = AttemptState.PENDING;
    return a;
  }
}
