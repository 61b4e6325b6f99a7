package dev.gort.common.pipeline.run;

import static dev.gort.common.pipeline.StepState.FAILED;
import static dev.gort.common.pipeline.StepState.INTERRUPTED;
import static dev.gort.common.pipeline.StepState.MARKED_TO_PAUSE;
import static dev.gort.common.pipeline.StepState.MARKED_TO_SKIP;
import static dev.gort.common.pipeline.StepState.PAUSED;
import static dev.gort.common.pipeline.StepState.PAUSED_DUE_TO_FAILURE;
import static dev.gort.common.pipeline.StepState.READY;
import static dev.gort.common.pipeline.StepState.RUNNING;
import static dev.gort.common.pipeline.StepState.SKIPPED;
import static dev.gort.common.pipeline.StepState.SUCCEEDED;
import static dev.gort.common.pipeline.StepState.WAITING;
import static dev.gort.common.pipeline.StepState.WAITING_FOR_INPUT;

import dev.gort.common.pipeline.StepState;
import dev.gort.common.statemachine.StateMachine;
import java.util.List;

/**
 * The step state machine (seed 001, guards exactly as its WorkflowAPIHandler states them): pause
 * only from ready or waiting, a running step is marked to pause; interrupt only while running;
 * resume and rerun only from paused, marked to pause, paused due to failure or interrupted; skip
 * only from paused, marked to pause, paused due to failure, waiting or ready; unskip only while
 * marked to skip. The engine's own triggers follow the contract's run semantics.
 *
 * <p>Two transitions depend on what the step remembers, so they are guarded on the {@link Step}:
 * unskip returns to the state the step was marked from, and resuming a paused step that holds a
 * result goes back to {@code RUNNING}, where the engine applies the held result at once as if it
 * had just arrived (so a held result takes exactly the path a fresh one would).
 *
 * <p>{@code start} also accepts a step that was marked to skip before the run started (its {@code
 * markedFrom} becomes {@code WAITING}); otherwise such a step would never be reached.
 */
public final class StepLifecycle {

  /** The states a step may be marked to skip from, which unskip returns to. */
  static final List<StepState> SKIPPABLE = List.of(READY, WAITING, PAUSED, MARKED_TO_PAUSE);

  public static final StateMachine<StepState, StepTrigger, Step> MACHINE = build();

  private StepLifecycle() {}

  private static StateMachine<StepState, StepTrigger, Step> build() {
    StateMachine.Builder<StepState, StepTrigger, Step> b =
        StateMachine.<StepState, StepTrigger, Step>builder(StepState.class)
            .finalStates(SUCCEEDED, FAILED, SKIPPED)
            .permit(READY, StepTrigger.START, WAITING)
            .permitIf(
                MARKED_TO_SKIP,
                StepTrigger.START,
                MARKED_TO_SKIP,
                "marked to skip before the run started",
                s -> s.markedFrom() == READY)
            .permit(READY, StepTrigger.PAUSE, PAUSED)
            .permit(WAITING, StepTrigger.PAUSE, PAUSED)
            .permit(RUNNING, StepTrigger.PAUSE, MARKED_TO_PAUSE)
            .permit(RUNNING, StepTrigger.INTERRUPT, INTERRUPTED)
            .permit(MARKED_TO_PAUSE, StepTrigger.INTERRUPT, INTERRUPTED)
            .permitIf(
                PAUSED, StepTrigger.RESUME, RUNNING, "holds a result", s -> s.hasPendingResult())
            .permit(PAUSED, StepTrigger.RESUME, WAITING)
            .permit(MARKED_TO_PAUSE, StepTrigger.RESUME, RUNNING)
            .permit(PAUSED_DUE_TO_FAILURE, StepTrigger.RESUME, FAILED)
            .permit(INTERRUPTED, StepTrigger.RESUME, WAITING)
            .permit(PAUSED, StepTrigger.RERUN, WAITING)
            .permit(MARKED_TO_PAUSE, StepTrigger.RERUN, WAITING)
            .permit(PAUSED_DUE_TO_FAILURE, StepTrigger.RERUN, WAITING)
            .permit(INTERRUPTED, StepTrigger.RERUN, WAITING)
            .permit(PAUSED_DUE_TO_FAILURE, StepTrigger.SKIP, SKIPPED)
            .permit(WAITING_FOR_INPUT, StepTrigger.SEND_MESSAGE, WAITING)
            .permit(WAITING, StepTrigger.DISPATCHED, RUNNING)
            .permit(WAITING, StepTrigger.INPUT_REQUESTED, WAITING_FOR_INPUT)
            .permit(WAITING, StepTrigger.NEVER_DUE, SKIPPED)
            .permit(MARKED_TO_SKIP, StepTrigger.NEVER_DUE, SKIPPED)
            .permit(MARKED_TO_SKIP, StepTrigger.SKIP_REACHED, SKIPPED)
            .permit(RUNNING, StepTrigger.SUCCEEDED, SUCCEEDED)
            .permit(RUNNING, StepTrigger.RETRIED, WAITING)
            .permit(RUNNING, StepTrigger.FAILED_ALLOWED, FAILED)
            .permit(RUNNING, StepTrigger.FAILED, FAILED)
            .permit(RUNNING, StepTrigger.FAILED_PAUSING, PAUSED_DUE_TO_FAILURE)
            .permit(MARKED_TO_PAUSE, StepTrigger.RESULT_HELD, PAUSED);
    for (StepState from : SKIPPABLE) {
      b.permit(from, StepTrigger.SKIP, MARKED_TO_SKIP);
      b.permitIf(
          MARKED_TO_SKIP,
          StepTrigger.UNSKIP,
          from,
          "marked from " + from.wireName(),
          s -> s.markedFrom() == from);
    }
    return b.permitFromAnyNonFinal(StepTrigger.CANCEL, SKIPPED).build();
  }
}
