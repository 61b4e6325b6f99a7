package dev.gort.common.pipeline.run;

/** A pipeline run's status, derived from its steps (see {@link PipelineEngine#status()}). */
public enum RunStatus {
  NOT_STARTED,
  RUNNING,
  WAITING_FOR_USER,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
