package dev.gort.common.pipeline.run;

/** A step's job to send to a runner now, as attempt {@code attempt} (its result names it back). */
public record Dispatch(String job, int attempt) {}
