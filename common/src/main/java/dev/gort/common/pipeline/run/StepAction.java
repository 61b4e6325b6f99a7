package dev.gort.common.pipeline.run;

import java.util.Locale;
import java.util.Optional;

/** What a user can ask of steps (seed 001's WorkflowAPIHandler), each one trigger of a step. */
public enum StepAction {
  START(StepTrigger.START),
  PAUSE(StepTrigger.PAUSE),
  INTERRUPT(StepTrigger.INTERRUPT),
  RESUME(StepTrigger.RESUME),
  RERUN(StepTrigger.RERUN),
  SKIP(StepTrigger.SKIP),
  UNSKIP(StepTrigger.UNSKIP),
  SEND_MESSAGE(StepTrigger.SEND_MESSAGE);

  private final StepTrigger trigger;

  StepAction(StepTrigger trigger) {
    this.trigger = trigger;
  }

  public StepTrigger trigger() {
    return trigger;
  }

  /** The name the API uses, e.g. {@code send-message}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<StepAction> fromWireName(String name) {
    for (StepAction a : values()) {
      if (a.wireName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
