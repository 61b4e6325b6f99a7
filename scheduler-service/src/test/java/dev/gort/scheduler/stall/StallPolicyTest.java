package dev.gort.scheduler.stall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.scheduler.run.RunState;
import dev.gort.scheduler.stall.StallPolicy.Action;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StallPolicyTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final StallPolicy policy =
      new StallPolicy(
          Duration.ofMinutes(10),
          Duration.ofMinutes(20),
          Duration.ofMinutes(5),
          Duration.ofMinutes(3),
          3);

  @Test
  void aQueuedRunIsNudgedOnceItWaitedLongerThanAllowedThenGivenUpAfterTheLastNudge() {
    assertThat(decide(RunState.QUEUED, null, 0, T0.plusSeconds(599))).isEqualTo(Action.WAIT);
    assertThat(decide(RunState.QUEUED, null, 0, T0.plusSeconds(600))).isEqualTo(Action.NUDGE);
    assertThat(decide(RunState.QUEUED, null, 2, T0.plusSeconds(600))).isEqualTo(Action.NUDGE);
    assertThat(decide(RunState.QUEUED, null, 3, T0.plusSeconds(600))).isEqualTo(Action.GIVE_UP);
    assertThat(decide(RunState.COMPLETED, null, 0, T0.plusSeconds(600))).isEqualTo(Action.NUDGE);
  }

  @Test
  void aRunningRunWaitsForItsDeadlineAndTheAllowanceAfterIt() {
    Instant deadline = T0.plus(Duration.ofMinutes(30));

    assertThat(decide(RunState.RUNNING, deadline, 0, T0.plus(Duration.ofMinutes(49))))
        .isEqualTo(Action.WAIT);
    assertThat(decide(RunState.RUNNING, deadline, 0, T0.plus(Duration.ofMinutes(50))))
        .isEqualTo(Action.NUDGE);
    // without a known deadline, the quiet allowance
    assertThat(decide(RunState.RUNNING, null, 0, T0.plus(Duration.ofMinutes(10))))
        .isEqualTo(Action.NUDGE);
    // a deadline long past still leaves the quiet allowance after the last action
    assertThat(
            decide(
                RunState.RUNNING, T0.minus(Duration.ofHours(2)), 0, T0.plus(Duration.ofMinutes(9))))
        .isEqualTo(Action.WAIT);
  }

  @Test
  void evaluationAndConfirmationHaveTheirOwnAllowances() {
    assertThat(decide(RunState.EVALUATING, null, 0, T0.plusSeconds(299))).isEqualTo(Action.WAIT);
    assertThat(decide(RunState.EVALUATING, null, 0, T0.plusSeconds(300))).isEqualTo(Action.NUDGE);
    assertThat(decide(RunState.FINISHED, null, 0, T0.plusSeconds(180))).isEqualTo(Action.NUDGE);
    assertThat(decide(RunState.FINISHED, null, 3, T0.plusSeconds(180))).isEqualTo(Action.GIVE_UP);
  }

  @Test
  void everyStateSaysWhatItWaitsFor() {
    for (RunState state : RunState.values()) {
      assertThat(StallPolicy.waitingFor(state)).isNotBlank();
    }
    assertThat(StallPolicy.waitingFor(RunState.QUEUED)).contains("RunDispatched");
  }

  private Action decide(RunState state, Instant deadline, int nudges, Instant now) {
    return policy.decide(state, T0, deadline, nudges, now);
  }
}
