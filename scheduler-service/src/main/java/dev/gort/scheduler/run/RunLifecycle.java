package dev.gort.scheduler.run;

import dev.gort.common.statemachine.StateMachine;

/** The run state machine: {@code QUEUED → RUNNING → COMPLETED → EVALUATING → FINISHED}. */
public final class RunLifecycle {

  public static final StateMachine<RunState, RunTrigger, TestRun> MACHINE =
      StateMachine.<RunState, RunTrigger, TestRun>builder(RunState.class)
          .finalStates(RunState.FINISHED)
          .permit(RunState.QUEUED, RunTrigger.DISPATCHED, RunState.RUNNING)
          .permit(RunState.RUNNING, RunTrigger.RUNNER_REPORTED, RunState.COMPLETED)
          .permit(RunState.COMPLETED, RunTrigger.EVALUATION_STARTED, RunState.EVALUATING)
          .permit(RunState.EVALUATING, RunTrigger.EVALUATED, RunState.FINISHED)
          .build();

  private RunLifecycle() {}
}
