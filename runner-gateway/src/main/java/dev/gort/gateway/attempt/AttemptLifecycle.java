package dev.gort.gateway.attempt;

import static dev.gort.gateway.attempt.AttemptState.CALLED_BACK;
import static dev.gort.gateway.attempt.AttemptState.CANCELLED;
import static dev.gort.gateway.attempt.AttemptState.DISPATCHED;
import static dev.gort.gateway.attempt.AttemptState.PENDING;
import static dev.gort.gateway.attempt.AttemptState.REJECTED;
import static dev.gort.gateway.attempt.AttemptState.TIMED_OUT;

import dev.gort.common.statemachine.StateMachine;

/**
 * How an attempt moves, declared once:
 *
 * <pre>
 * PENDING ──hand over──▶ DISPATCHED ──report──▶ CALLED_BACK
 *    │ └─────────report (before the hand-over's record)──▶ CALLED_BACK
 *    ├──reject──▶ REJECTED
 *    └─(either)──time out──▶ TIMED_OUT,  ──cancel──▶ CANCELLED
 * </pre>
 *
 * A retry is a new attempt, never a way back.
 */
public final class AttemptLifecycle {

  /** What happens to an attempt. */
  public enum Trigger {
    HAND_OVER,
    REPORT,
    TIME_OUT,
    CANCEL,
    REJECT
  }

  private static final StateMachine<AttemptState, Trigger, Attempt> MACHINE =
      StateMachine.<AttemptState, Trigger, Attempt>builder(AttemptState.class)
          .finalStates(CALLED_BACK, TIMED_OUT, CANCELLED, REJECTED)
          .permit(PENDING, Trigger.HAND_OVER, DISPATCHED)
          .permit(PENDING, Trigger.REPORT, CALLED_BACK)
          .permit(DISPATCHED, Trigger.REPORT, CALLED_BACK)
          .permit(PENDING, Trigger.REJECT, REJECTED)
          .permitFromAnyNonFinal(Trigger.TIME_OUT, TIMED_OUT)
          .permitFromAnyNonFinal(Trigger.CANCEL, CANCELLED)
          .build();

  private AttemptLifecycle() {}

  /**
   * The state {@code trigger} moves {@code a} to.
   *
   * @throws dev.gort.common.statemachine.IllegalTransitionException when it may not
   */
  static AttemptState next(Attempt a, Trigger trigger) {
    return MACHINE.next(a.state, trigger, a);
  }

  public static boolean isFinal(AttemptState state) {
    return MACHINE.isFinal(state);
  }
}
