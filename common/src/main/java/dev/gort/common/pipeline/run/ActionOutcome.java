package dev.gort.common.pipeline.run;

import java.util.List;

/**
 * What a step action (or cancel) did, or would do in a dry run.
 *
 * @param changed ids of the steps changed, in pipeline order (seed 001's return values)
 * @param refused selected steps left as they were, with why
 * @param toHalt steps whose running job the caller must halt at its runner (interrupt, rerun of a
 *     step marked to pause, cancel); in a dry run, the ones it would halt
 */
public record ActionOutcome(List<String> changed, List<Refusal> refused, List<String> toHalt) {
  public ActionOutcome {
    changed = List.copyOf(changed);
    refused = List.copyOf(refused);
    toHalt = List.copyOf(toHalt);
  }
}
