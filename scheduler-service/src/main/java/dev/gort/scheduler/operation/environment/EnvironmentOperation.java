package dev.gort.scheduler.operation.environment;

import dev.gort.common.operation.OperationView;
import java.time.Instant;

/**
 * One environment's operation as the scheduler mirrors it ({@code environment_operation}): the
 * newest {@code EnvironmentStatus} the provisioner sent about it, and whether a cancel was asked.
 */
public record EnvironmentOperation(
    String environmentId,
    String operationId,
    String owner,
    String state,
    String step,
    int percentComplete,
    String failure,
    Instant createdAt,
    Instant lastActionAt,
    long sequence,
    Instant cancelRequestedAt,
    String cancelRequestedBy) {

  public String status() {
    return EnvironmentOperationStatus.status(state);
  }

  public boolean isFinal() {
    return EnvironmentOperationStatus.isFinal(status());
  }

  public OperationView view(String provisionerUrl) {
    return EnvironmentOperationStatus.of(
        environmentId,
        operationId,
        state,
        percentComplete,
        failure,
        createdAt,
        lastActionAt,
        provisionerUrl);
  }
}
