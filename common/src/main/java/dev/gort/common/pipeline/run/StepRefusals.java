package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.StepState;

/** Why an action is refused on a step, in seed 001's words. */
final class StepRefusals {

  private StepRefusals() {}

  static String reason(StepAction action, Step step) {
    if (action == StepAction.UNSKIP && step.state() == StepState.SKIPPED) {
      return "unskip is allowed only before the step is skipped; it already is";
    }
    if (action == StepAction.START && step.state() == StepState.MARKED_TO_SKIP) {
      return "start is allowed only from ready (this step was marked to skip after the start)";
    }
    return action.wireName() + " is allowed only " + allowedFrom(action);
  }

  private static String allowedFrom(StepAction action) {
    switch (action) {
      case START:
        return "from ready";
      case PAUSE:
        return "from ready or waiting, or on a running step (marked to pause)";
      case INTERRUPT:
        return "while running";
      case RESUME:
      case RERUN:
        return "from paused, marked-to-pause, paused-due-to-failure or interrupted";
      case SKIP:
        return "from paused, marked-to-pause, paused-due-to-failure, waiting or ready";
      case UNSKIP:
        return "from marked-to-skip";
      case SEND_MESSAGE:
        return "to a step waiting for input";
      default:
        throw new IllegalArgumentException(action.name());
    }
  }
}
