package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.StepState;

/**
 * A selected step an action could not change.
 *
 * @param state the step's state; null when no step has that id
 */
public record Refusal(String id, StepState state, String reason) {}
