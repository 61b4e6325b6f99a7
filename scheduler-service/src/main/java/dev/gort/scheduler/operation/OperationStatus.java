package dev.gort.scheduler.operation;

import dev.gort.common.event.Outcome;
import dev.gort.scheduler.operation.OperationView.OperationError;
import dev.gort.scheduler.run.RunState;
import dev.gort.scheduler.run.RunView;
import java.time.Instant;

/**
 * How a test run reads as an operation (architecture, "HTTP APIs", operations). The status mapping
 * is written once, in {@link #status(RunState, Outcome, boolean)}; {@link #statusSql} derives the
 * SQL that the operations list filters and sorts by from it, so the two cannot disagree.
 */
public final class OperationStatus {

  public static final String KIND_TEST_RUN = "test-run";
  public static final String NOT_STARTED = "notstarted";
  public static final String RUNNING = "running";
  public static final String UNRESPONSIVE = "unresponsive";

  private OperationStatus() {}

  public static OperationView of(RunView run) {
    return of(
        run.id(),
        run.operationId(),
        run.state(),
        run.outcome(),
        run.summary(),
        run.unresponsiveSince(),
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
      Instant unresponsiveSince,
      Instant createdDateTime,
      Instant lastActionDateTime) {
    String status = status(state, outcome, unresponsiveSince != null);
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
        status.equals(UNRESPONSIVE) ? unresponsive(unresponsiveSince) : error(outcome, summary));
  }

  public static boolean isFinal(OperationView operation) {
    return isFinal(operation.status());
  }

  static boolean isFinal(String status) {
    return !status.equals(NOT_STARTED) && !status.equals(RUNNING) && !status.equals(UNRESPONSIVE);
  }

  /**
   * seed 001, "Operations States", for a test run; {@code unresponsive}: its runner is overdue and
   * does not answer status polls.
   */
  static String status(RunState state, Outcome outcome, boolean unresponsive) {
    return switch (state) {
      case QUEUED -> NOT_STARTED;
      case RUNNING -> unresponsive ? UNRESPONSIVE : RUNNING;
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

  private static String status(String state, String outcome, boolean unresponsive) {
    return status(
        RunState.valueOf(state), outcome == null ? null : Outcome.valueOf(outcome), unresponsive);
  }

  /**
   * {@link #status(RunState, Outcome, boolean)} as an SQL {@code CASE} over the given state,
   * outcome and unresponsive-since columns; every literal in it is an enum constant or a status,
   * never outside input.
   */
  static String statusSql(String stateColumn, String outcomeColumn, String unresponsiveColumn) {
    StringBuilder sql = new StringBuilder("CASE");
    for (RunState state : RunState.values()) {
      String inState = stateColumn + " = '" + state.name() + "'";
      if (state == RunState.FINISHED) {
        for (Outcome outcome : Outcome.values()) {
          when(sql, inState + " AND " + outcomeColumn + " = '" + outcome.name() + "'");
          sql.append(status(state, outcome, false)).append('\'');
        }
      }
      if (!status(state, null, true).equals(status(state, null, false))) {
        when(sql, inState + " AND " + unresponsiveColumn + " IS NOT NULL");
        sql.append(status(state, null, true)).append('\'');
      }
      when(sql, inState);
      sql.append(status(state, null, false)).append('\'');
    }
    return sql.append(" END").toString();
  }

  private static void when(StringBuilder sql, String condition) {
    sql.append(" WHEN ").append(condition).append(" THEN '");
  }

  /**
   * seed 001, default order: not started, then running (an unresponsive operation is still
   * running), then completed (0, 1, 2).
   */
  static String progressSql(String statusColumn) {
    return "CASE "
        + statusColumn
        + " WHEN '"
        + NOT_STARTED
        + "' THEN 0 WHEN '"
        + RUNNING
        + "' THEN 1 WHEN '"
        + UNRESPONSIVE
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

  private static OperationError unresponsive(Instant since) {
    return new OperationError(
        "RunnerUnresponsive",
        "the run is overdue and its runner has not answered status polls since " + since);
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
