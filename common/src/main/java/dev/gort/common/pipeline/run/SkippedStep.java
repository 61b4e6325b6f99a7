package dev.gort.common.pipeline.run;

/** A step the engine skipped, and why ("needs compile, which failed"). */
public record SkippedStep(String job, SkipCause cause, String reason) {}
