package dev.gort.common.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An operation resource (seed 001, "Operation resource"): the one shape of every service's
 * operations (test runs at the scheduler, environments at the provisioner).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationView(
    String id,
    String kind,
    String status,
    Instant createdDateTime,
    Instant lastActionDateTime,
    Integer percentComplete,
    String resourceLocation,
    OperationError error) {

  public record OperationError(String code, String message) {}
}
