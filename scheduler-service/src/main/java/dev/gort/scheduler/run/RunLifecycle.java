package dev.gort.scheduler.run;

import dev.gort.common.statemachine.StateMachine;

/**
 * The run state machine (seed 000): {@code QUEUED → RUNNING → COMPLETED → EVALUATING → FINISHED},
 * with {@code COMPLETED → RUNNING} when a timed-out job is retried, {@code RUNNING → RUNNING} when
 * an attempt is re-dispatched or its runner stops answering, a cancel finishing the run from any
 * state that is not final, and the stall detector nudging a run that stopped making progress (the
 * state stays) or, after the last nudge, finishing it.
 */
public final class RunLifecycle {

  public static final StateMachine<RunState, RunTrigger, TestRun> MACHINE =
      StateMachine.<RunState, RunTrigger, TestRun>builder(RunState.class)
          .finalStates(RunState.FINISHED)
          .permit(RunState.QUEUED, RunTrigger.DISPATCHED, RunState.RUNNING)
          .permit(RunState.RUNNING, RunTrigger.REDISPATCHED, RunState.RUNNING)
          .permit(RunState.RUNNING, RunTrigger.UNRESPONSIVE, RunState.RUNNING)
          .permit(RunState.RUNNING, RunTrigger.RUNNER_REPORTED, RunState.COMPLETED)
          .permit(RunState.RUNNING, RunTrigger.TIMED_OUT, RunState.COMPLETED)
          .permitIf(
              RunState.COMPLETED,
              RunTrigger.RETRIED,
              RunState.RUNNING,
              "attempts left",
              run -> run.attempts < run.maxAttempts)
          .permit(RunState.COMPLETED, RunTrigger.EVALUATION_STARTED, RunState.EVALUATING)
          .permit(RunState.EVALUATING, RunTrigger.EVALUATED, RunState.FINISHED)
          .permitFromAnyNonFinal(RunTrigger.CANCELLED, RunState.FINISHED)
          .permit(RunState.QUEUED, RunTrigger.NUDGED, RunState.QUEUED)
          .permit(RunState.RUNNING, RunTrigger.NUDGED, RunState.RUNNING)
          .permit(RunState.COMPLETED, RunTrigger.NUDGED, RunState.COMPLETED)
          .permit(RunState.EVALUATING, RunTrigger.NUDGED, RunState.EVALUATING)
          .permitFromAnyNonFinal(RunTrigger.STALLED, RunState.FINISHED)
          .build();

  private RunLifecycle() {}
}
