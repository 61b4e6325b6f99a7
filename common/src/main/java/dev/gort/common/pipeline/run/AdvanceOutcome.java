package dev.gort.common.pipeline.run;

import java.util.List;

/**
 * What one {@link PipelineEngine#advance} did, each list in pipeline order.
 *
 * @param dispatched jobs the caller must send to runners now
 * @param waitingForInput steps that reached their {@code input} prompt and wait for a message
 * @param skipped steps that can never run, or were marked to skip and were reached
 */
public record AdvanceOutcome(
    List<Dispatch> dispatched, List<String> waitingForInput, List<SkippedStep> skipped) {
  public AdvanceOutcome {
    dispatched = List.copyOf(dispatched);
    waitingForInput = List.copyOf(waitingForInput);
    skipped = List.copyOf(skipped);
  }

  public boolean changedAnything() {
    return !dispatched.isEmpty() || !waitingForInput.isEmpty() || !skipped.isEmpty();
  }
}
