package dev.gort.common.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.pipeline.StepState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepLifecycleTest {

  private static final Step ANY = Step.ready("a");

  @Test
  void succeededFailedAndSkippedAreFinal() {
    EnumSet<StepState> finals = EnumSet.noneOf(StepState.class);
    for (StepState s : StepState.values()) {
      if (StepLifecycle.MACHINE.isFinal(s)) {
        finals.add(s);
      }
    }
    assertThat(finals)
        .containsExactlyInAnyOrder(StepState.SUCCEEDED, StepState.FAILED, StepState.SKIPPED);
  }

  @Test
  void cancelSkipsFromEveryStateThatIsNotFinal() {
    for (StepState s : StepState.values()) {
      assertThat(StepLifecycle.MACHINE.tryNext(s, StepTrigger.CANCEL, ANY))
          .as("cancel from %s", s)
          .isEqualTo(
              StepLifecycle.MACHINE.isFinal(s) ? Optional.empty() : Optional.of(StepState.SKIPPED));
    }
  }

  @Test
  void resultsMoveOnlyARunningStep() {
    List<StepTrigger> results =
        List.of(
            StepTrigger.SUCCEEDED,
            StepTrigger.RETRIED,
            StepTrigger.FAILED_ALLOWED,
            StepTrigger.FAILED,
            StepTrigger.FAILED_PAUSING);
    for (StepState s : StepState.values()) {
      for (StepTrigger t : results) {
        assertThat(StepLifecycle.MACHINE.permits(s, t, ANY))
            .as("%s from %s", t, s)
            .isEqualTo(s == StepState.RUNNING);
      }
    }
    assertThat(StepLifecycle.MACHINE.next(StepState.RUNNING, StepTrigger.RETRIED, ANY))
        .isEqualTo(StepState.WAITING);
    assertThat(StepLifecycle.MACHINE.next(StepState.RUNNING, StepTrigger.FAILED_PAUSING, ANY))
        .isEqualTo(StepState.PAUSED_DUE_TO_FAILURE);
    assertThat(StepLifecycle.MACHINE.next(StepState.MARKED_TO_PAUSE, StepTrigger.RESULT_HELD, ANY))
        .isEqualTo(StepState.PAUSED);
  }

  @Test
  void onlyAWaitingStepIsDispatchedOrAsksForInput() {
    for (StepState s : StepState.values()) {
      assertThat(StepLifecycle.MACHINE.permits(s, StepTrigger.DISPATCHED, ANY))
          .as("dispatch from %s", s)
          .isEqualTo(s == StepState.WAITING);
      assertThat(StepLifecycle.MACHINE.permits(s, StepTrigger.INPUT_REQUESTED, ANY))
          .as("input from %s", s)
          .isEqualTo(s == StepState.WAITING);
    }
  }

  @Test
  void actionWireNamesRoundTrip() {
    for (StepAction a : StepAction.values()) {
      assertThat(StepAction.fromWireName(a.wireName())).contains(a);
    }
    assertThat(StepAction.SEND_MESSAGE.wireName()).isEqualTo("send-message");
    assertThat(StepAction.fromWireName("shutdown")).isEmpty();
  }
}
