package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.Step;

/** How far a run is: settled steps (succeeded, failed or skipped) out of all its steps. */
final class PipelineProgress {

  private PipelineProgress() {}

  static int percentComplete(PipelineEngine engine) {
    int settled = 0;
    int all = 0;
    for (Step step : engine.steps()) {
      all++;
      if (isSettled(step.state())) {
        settled++;
      }
    }
    return all == 0 ? 100 : settled * 100 / all;
  }

  static boolean isSettled(StepState state) {
    return state == StepState.SUCCEEDED || state == StepState.FAILED || state == StepState.SKIPPED;
  }
}
