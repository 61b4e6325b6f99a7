package dev.gort.common.pipeline.report;

/** A stage's status, derived from its jobs' steps (see {@link PipelineReports}). */
public enum StageStatus {
  /** No job of it has started yet. */
  PENDING,
  /** A job of it runs, waits or is held by its user. */
  RUNNING,
  /** Every job of it is final, none failed without being allowed to. */
  SUCCEEDED,
  /** Every job of it is final, and one failed without being allowed to. */
  FAILED,
  /** Every job of it was skipped. */
  SKIPPED
}
