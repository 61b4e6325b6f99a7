package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.StepState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's context (seed 001's serialized context, {@code GET …/context}): per step, in pipeline
 * order, its state, the exit code of its latest attempt that has one, and the messages sent to it.
 */
public record RunContext(String pipeline, Map<String, StepContext> steps) {

  public RunContext {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  /**
   * @param lastExitCode null before any attempt reported one
   */
  public record StepContext(StepState state, Integer lastExitCode, List<StepMessage> messages) {
    public StepContext {
      messages = List.copyOf(messages);
    }
  }
}
