package dev.gort.common.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineTest {

  enum State {
    QUEUED,
    RUNNING,
    COMPLETED,
    EVALUATING,
    FINISHED,
    CANCELLED
  }

  enum Trigger {
    DISPATCH,
    CALLBACK,
    RETRY,
    EVALUATE,
    FINISH,
    CANCEL
  }

  record Run(int attempts, int maxAttempts) {}

  /** The run state machine of seed 000, as a service would declare it. */
  private static final StateMachine<State, Trigger, Run> RUNS =
      StateMachine.<State, Trigger, Run>builder(State.class)
          .finalStates(State.FINISHED, State.CANCELLED)
          .permit(State.QUEUED, Trigger.DISPATCH, State.RUNNING)
          .permit(State.RUNNING, Trigger.CALLBACK, State.COMPLETED)
          .permitIf(
              State.COMPLETED,
              Trigger.RETRY,
              State.RUNNING,
              "attempts left",
              r -> r.attempts() < r.maxAttempts())
          .permit(State.COMPLETED, Trigger.EVALUATE, State.EVALUATING)
          .permit(State.EVALUATING, Trigger.FINISH, State.FINISHED)
          .permitFromAnyNonFinal(Trigger.CANCEL, State.CANCELLED)
          .build();

  @Test
  void permittedTransitionsLeadWhereDeclared() {
    Run run = new Run(1, 3);

    assertThat(RUNS.next(State.QUEUED, Trigger.DISPATCH, run)).isEqualTo(State.RUNNING);
    assertThat(RUNS.next(State.RUNNING, Trigger.CALLBACK, run)).isEqualTo(State.COMPLETED);
    assertThat(RUNS.next(State.COMPLETED, Trigger.RETRY, run)).isEqualTo(State.RUNNING);
    assertThat(RUNS.next(State.COMPLETED, Trigger.EVALUATE, run)).isEqualTo(State.EVALUATING);
    assertThat(RUNS.next(State.EVALUATING, Trigger.FINISH, run)).isEqualTo(State.FINISHED);
    assertThat(RUNS.permits(State.QUEUED, Trigger.DISPATCH, run)).isTrue();
    assertThat(RUNS.tryNext(State.QUEUED, Trigger.DISPATCH, run)).contains(State.RUNNING);
  }

  @Test
  void unknownTransitionIsRefusedNamingStateAndTrigger() {
    assertThatThrownBy(() -> RUNS.next(State.QUEUED, Trigger.FINISH, new Run(0, 3)))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.from()).isEqualTo(State.QUEUED);
              assertThat(e.trigger()).isEqualTo(Trigger.FINISH);
              assertThat(e.getMessage()).contains("QUEUED").contains("FINISH");
            });
    assertThat(RUNS.permits(State.QUEUED, Trigger.FINISH, new Run(0, 3))).isFalse();
    assertThat(RUNS.tryNext(State.RUNNING, Trigger.DISPATCH, new Run(0, 3))).isEmpty();
  }

  @Test
  void guardRefusalIsAnIllegalTransitionNamingTheGuard() {
    Run noAttemptsLeft = new Run(3, 3);

    assertThatThrownBy(() -> RUNS.next(State.COMPLETED, Trigger.RETRY, noAttemptsLeft))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.from()).isEqualTo(State.COMPLETED);
              assertThat(e.trigger()).isEqualTo(Trigger.RETRY);
              assertThat(e.getMessage()).contains("attempts left");
            });
    assertThat(RUNS.permits(State.COMPLETED, Trigger.RETRY, noAttemptsLeft)).isFalse();
    assertThat(RUNS.permits(State.COMPLETED, Trigger.EVALUATE, noAttemptsLeft)).isTrue();
  }

  @Test
  void guardsOfOneTriggerAreTriedInTheOrderAdded() {
    List<String> asked = new ArrayList<>();
    StateMachine<State, Trigger, Integer> machine =
        StateMachine.<State, Trigger, Integer>builder(State.class)
            .permitIf(
                State.COMPLETED,
                Trigger.FINISH,
                State.RUNNING,
                "retry",
                n -> {
                  asked.add("retry");
                  return n > 0;
                })
            .permitIf(
                State.COMPLETED,
                Trigger.FINISH,
                State.EVALUATING,
                "evaluate",
                n -> {
                  asked.add("evaluate");
                  return true;
                })
            .build();

    assertThat(machine.next(State.COMPLETED, Trigger.FINISH, 1)).isEqualTo(State.RUNNING);
    assertThat(asked).containsExactly("retry");

    asked.clear();
    assertThat(machine.next(State.COMPLETED, Trigger.FINISH, 0)).isEqualTo(State.EVALUATING);
    assertThat(asked).containsExactly("retry", "evaluate");
  }

  @Test
  void everyGuardRefusingIsAnIllegalTransitionNamingEachGuard() {
    StateMachine<State, Trigger, Void> machine =
        StateMachine.<State, Trigger, Void>builder(State.class)
            .permitIf(State.QUEUED, Trigger.DISPATCH, State.RUNNING, "runner free", c -> false)
            .permitIf(State.QUEUED, Trigger.DISPATCH, State.CANCELLED, "expired", c -> false)
            .build();

    assertThatThrownBy(() -> machine.next(State.QUEUED, Trigger.DISPATCH, null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("runner free")
        .hasMessageContaining("expired");
  }

  @Test
  void cancelIsPermittedFromEveryNonFinalStateOnly() {
    Run run = new Run(1, 3);
    for (State s : State.values()) {
      if (RUNS.isFinal(s)) {
        assertThat(RUNS.permits(s, Trigger.CANCEL, run)).as("CANCEL from %s", s).isFalse();
      } else {
        assertThat(RUNS.next(s, Trigger.CANCEL, run))
            .as("CANCEL from %s", s)
            .isEqualTo(State.CANCELLED);
      }
    }
  }

  @Test
  void finalStatesAreFinalAndOthersAreNot() {
    assertThat(RUNS.isFinal(State.FINISHED)).isTrue();
    assertThat(RUNS.isFinal(State.CANCELLED)).isTrue();
    assertThat(RUNS.isFinal(State.QUEUED)).isFalse();
    assertThat(RUNS.isFinal(State.EVALUATING)).isFalse();
  }

  @Test
  void transitionOutOfAFinalStateIsRejectedAtBuildTime() {
    StateMachine.Builder<State, Trigger, Void> builder =
        StateMachine.<State, Trigger, Void>builder(State.class)
            .finalStates(State.FINISHED)
            .permit(State.FINISHED, Trigger.RETRY, State.RUNNING);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FINISHED");
  }

  @Test
  void finalStatesMarkedAfterPermitFromAnyNonFinalAreRejectedAtBuildTime() {
    StateMachine.Builder<State, Trigger, Void> builder =
        StateMachine.<State, Trigger, Void>builder(State.class)
            .permitFromAnyNonFinal(Trigger.CANCEL, State.CANCELLED)
            .finalStates(State.CANCELLED);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void machineWithoutFinalStatesBuilds() {
    StateMachine<State, Trigger, Void> machine =
        StateMachine.<State, Trigger, Void>builder(State.class)
            .permit(State.QUEUED, Trigger.DISPATCH, State.RUNNING)
            .build();

    assertThat(machine.isFinal(State.QUEUED)).isFalse();
    assertThat(machine.next(State.QUEUED, Trigger.DISPATCH, null)).isEqualTo(State.RUNNING);
  }
}
