package dev.gort.scheduler.operation;

import dev.gort.common.event.Outcome;
import dev.gort.scheduler.operation.OperationView.OperationError;
import dev.gort.scheduler.run.RunState;
import dev.gort.scheduler.run.RunView;
import java.time.Instant;

/**
 * How a test run reads as an operation (architecture, "HTTP APIs", operations). The status mapping
 * is written once, in {@link #status(RunState, Outcome)}; {@link #statusSql} derives the SQL that
 * the operations list filters and sorts by from it, so the two cannot disagree.
 */
public final class OperationStatus {

  public static final String KIND_TEST_RUN = "test-run";
  public static final String NOT_STARTED = "notstarted";
  public static final String RUNNING = "running";

  private OperationStatus() {}

  public static OperationView of(RunView run) {
    return of(
        run.id(),
        run.operationId(),
        run.state(),
        run.outcome(),
        run.summary(),
        run.createdDateTime(),
        run.lastActionDateTime());
  }

  /** The operation of the run {@code runId}, from its stored columns. */
  static OperationView of(
      String runId,
      String operationId,
      String state,
      String outcome,
      String summary,
      Instant createdDateTime,
      Instant lastActionDateTime) {
    String status = status(state, outcome);
    return new OperationView(
        operationId,
        KIND_TEST_RUN,
        status,
        createdDateTime,
        lastActionDateTime,
        percentComplete(state),
        // seed 001, "Target resource location": the run, once the operation is complete, whatever
        // its outcome (a cancelled or timed-out run is still the resource to read)
        isFinal(status) ? "/api/v1/test-runs/" + runId : null,
        error(outcome, summary));
  }

  public static boolean isFinal(OperationView operation) {
    return isFinal(operation.status());
  }

  static boolean isFinal(String status) {
    return !status.equals(NOT_STARTED) && !status.equals(RUNNING);
  }

  /** seed 001, "Operations States", for a test run. */
  static String status(RunState state, Outcome outcome) {
    return switch (state) {
      case QUEUED -> NOT_STARTED;
      case FINISHED -> outcome == null ? "failed" : status(outcome);
      default -> RUNNING;
    };
  }

  private static String status(Outcome outcome) {
    return switch (outcome) {
      case PASSED, FAILED -> "succeeded";
      case TIMED_OUT -> "timeout";
      case CANCELLED -> "cancelled";
      case INFRA_FAILED -> "failed";
    };
  }

  private static String status(String state, String outcome) {
    return status(RunState.valueOf(state), outcome == null ? null : Outcome.valueOf(outcome));
  }

  /**
   * {@link #status(RunState, Outcome)} as an SQL {@code CASE} over the given state and outcome
   * columns; every literal in it is an enum constant or a status, never outside input.
   */
  static String statusSql(String stateColumn, String outcomeColumn) {
    StringBuilder sql = new StringBuilder("CASE");
    for (RunState state : RunState.values()) {
      String inState = stateColumn + " = '" + state.name() + "'";
      if (state == RunState.FINISHED) {
        for (Outcome outcome : Outcome.values()) {
          String withOutcome = inState + " AND " + outcomeColumn + " = '" + outcome.name() + "'";
          sql.append(" WHEN ").append(withOutcome).append(" THEN '");
          sql.append(status(state, outcome)).append('\'');
        }
      }
      sql.append(" WHEN ").append(inState).append(" THEN '");
      sql.append(status(state, null)).append('\'');
    }
    return sql.append(" END").toString();
  }

  /** seed 001, default order: not started, then running, then completed (0, 1, 2). */
  static String progressSql(String statusColumn) {
    return "CASE "
        + statusColumn
        + " WHEN '"
        + NOT_STARTED
        + "' THEN 0 WHEN '"
        + RUNNING
        + "' THEN 1 ELSE 2 END";
  }

  private static int percentComplete(String state) {
    return switch (state) {
      case "QUEUED" -> 0;
      case "RUNNING" -> 25;
      case "COMPLETED" -> 60;
      case "EVALUATING" -> 80;
      default -> 100;
    };
  }

  private static OperationError error(String outcome, String summary) {
    if (outcome == null) {
      return null;
    }
    String message = summary == null ? outcome : summary;
    return switch (outcome) {
      case "INFRA_FAILED" -> new OperationError("InfrastructureFailure", message);
      case "TIMED_OUT" -> new OperationError("Timeout", message);
      case "CANCELLED" -> new OperationError("Cancelled", message);
      default -> null;
    };
  }
}
