package dev.gort.scheduler.pipeline;

import dev.gort.common.operation.OperationView;
import dev.gort.common.operation.OperationView.OperationError;
import dev.gort.common.pipeline.run.RunStatus;
import java.time.Instant;

/**
 * How a pipeline run reads as an operation (kind {@code pipeline-run}, seed 001's "Operations
 * States"). The operations list filters and sorts by the same mapping stored in generated columns
 * of {@code pipeline_run} (migration V12); a test checks the two agree for every status.
 */
public final class PipelineOperationStatus {

  public static final String KIND = "pipeline-run";

  private PipelineOperationStatus() {}

  /** Not started, running (also while it waits for a user), succeeded, failed, cancelled. */
  public static String status(RunStatus status) {
    switch (status) {
      case NOT_STARTED:
        return "notstarted";
      case SUCCEEDED:
        return "succeeded";
      case FAILED:
        return "failed";
      case CANCELLED:
        return "cancelled";
      default:
        return "running";
    }
  }

  /** The rank in seed 001's default order: not started (0), running (1), completed (2). */
  public static int progress(RunStatus status) {
    return status == RunStatus.NOT_STARTED ? 0 : status.isFinal() ? 2 : 1;
  }

  public static OperationView of(PipelineRunView run) {
    return of(
        run.id(),
        run.operationId(),
        RunStatus.valueOf(run.status()),
        run.percentComplete(),
        run.summary(),
        run.createdDateTime(),
        run.lastActionDateTime());
  }

  public static OperationView of(
      String runId,
      String operationId,
      RunStatus runStatus,
      int percentComplete,
      String summary,
      Instant createdDateTime,
      Instant lastActionDateTime) {
    return new OperationView(
        operationId,
        KIND,
        status(runStatus),
        createdDateTime,
        lastActionDateTime,
        percentComplete,
        runStatus.isFinal() ? "/api/v1/pipeline-runs/" + runId : null,
        error(runStatus, summary));
  }

  private static OperationError error(RunStatus status, String summary) {
    if (status == RunStatus.FAILED) {
      return new OperationError(
          "PipelineFailed", summary == null ? "a job failed that was not allowed to" : summary);
    }
    if (status == RunStatus.CANCELLED) {
      return new OperationError("Cancelled", summary == null ? "the run was cancelled" : summary);
    }
    return null;
  }
}
