package dev.gort.common.pipeline.run;

import java.time.Instant;

/** A message sent to a step (send-message), kept in the run's context. */
public record StepMessage(String actor, String text, Instant at) {}
