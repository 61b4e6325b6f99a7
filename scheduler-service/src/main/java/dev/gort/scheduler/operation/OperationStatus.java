package dev.gort.scheduler.operation;

import dev.gort.scheduler.operation.OperationView.OperationError;
import dev.gort.scheduler.run.RunView;

/** How a test run reads as an operation (architecture, "HTTP APIs", operations). */
public final class OperationStatus {

  public static final String KIND_TEST_RUN = "test-run";

  private OperationStatus() {}

  public static OperationView of(RunView run) {
    String status = status(run);
    boolean verdict = "succeeded".equals(status);
    return new OperationView(
        run.operationId(),
        KIND_TEST_RUN,
        status,
        run.createdDateTime(),
        run.lastActionDateTime(),
        percentComplete(run.state()),
        verdict ? "/api/v1/test-runs/" + run.id() : null,
        error(run));
  }

  public static boolean isFinal(OperationView operation) {
    return !operation.status().equals("notstarted") && !operation.status().equals("running");
  }

  private static String status(RunView run) {
    return switch (run.state()) {
      case "QUEUED" -> "notstarted";
      case "FINISHED" ->
          switch (run.outcome()) {
            case "PASSED", "FAILED" -> "succeeded";
            case "TIMED_OUT" -> "timeout";
            case "CANCELLED" -> "cancelled";
            default -> "failed";
          };
      default -> "running";
    };
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

  private static OperationError error(RunView run) {
    if (run.outcome() == null) {
      return null;
    }
    String message = run.summary() == null ? run.outcome() : run.summary();
    return switch (run.outcome()) {
      case "INFRA_FAILED" -> new OperationError("InfrastructureFailure", message);
      case "TIMED_OUT" -> new OperationError("Timeout", message);
      case "CANCELLED" -> new OperationError("Cancelled", message);
      default -> null;
    };
  }
}
