package dev.gort.scheduler.operation;

import dev.gort.common.event.Outcome;
import dev.gort.common.operation.OperationView;
import dev.gort.common.operation.OperationView.OperationError;
import dev.gort.scheduler.run.RunState;
import dev.gort.scheduler.run.RunView;
import java.time.Instant;

/**
 * How a test run reads as an operation (architecture, "HTTP APIs", operations). The status mapping
 * is {@link #status(RunState, Outcome, boolean)}; the operations list filters and sorts by the same
 * mapping stored in generated columns of {@code test_run} (migration V5), and a test checks that
 * the two agree for every state, outcome and unresponsive flag.
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
