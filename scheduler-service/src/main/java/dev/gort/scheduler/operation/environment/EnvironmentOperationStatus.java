package dev.gort.scheduler.operation.environment;

import dev.gort.common.event.EnvironmentEvents;
import dev.gort.common.operation.OperationView;
import dev.gort.common.operation.OperationView.OperationError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * How an environment reads as an operation (seed 001, "Operations States", issue 12). The status
 * mapping is {@link #status(String)}; the operations list filters and sorts by the same mapping
 * stored in generated columns of {@code environment_operation} (migration V11), and a test checks
 * that the two agree for every state.
 */
public final class EnvironmentOperationStatus {

  public static final String KIND = "environment";

  /** The environment states the provisioner sends ({@code EnvironmentStatus.state}). */
  public static final List<String> STATES =
      List.of(
          "REQUESTED",
          "PROVISIONING",
          "READY",
          "TEARING_DOWN",
          "DELETING",
          "TORN_DOWN",
          "FAILED",
          "CANCELLED");

  private EnvironmentOperationStatus() {}

  /**
   * seed 001, "Operations States", for an environment: asked for and not yet begun, being
   * provisioned or torn down after a failure or cancel, ready (or being deleted, or torn down, by
   * its owner: the provisioning succeeded), failed, cancelled. A state this version does not know
   * reads as running: the environment is somewhere the provisioner has not finished.
   */
  public static String status(String state) {
    return EnvironmentEvents.operationStatus(state);
  }

  /** The rank in seed 001's default order: not started (0), running (1), completed (2). */
  public static int progress(String state) {
    String status = status(state);
    return status.equals("notstarted") ? 0 : isFinal(status) ? 2 : 1;
  }

  static boolean isFinal(String status) {
    return !status.equals("notstarted") && !status.equals("running");
  }

  /**
   * The operation of environment {@code environmentId}; once final its resource is the
   * provisioner's environment, under {@code provisionerUrl}.
   */
  public static OperationView of(
      String environmentId,
      String operationId,
      String state,
      int percentComplete,
      String failure,
      Instant createdDateTime,
      Instant lastActionDateTime,
      String provisionerUrl) {
    String status = status(state);
    return new OperationView(
        operationId,
        KIND,
        status,
        createdDateTime,
        lastActionDateTime,
        percentComplete,
        isFinal(status) ? location(provisionerUrl, environmentId) : null,
        error(state, failure));
  }

  /** The provisioner's {@code GET /api/v1/environments/{id}} of the environment. */
  static String location(String provisionerUrl, String environmentId) {
    String base =
        provisionerUrl.endsWith("/")
            ? provisionerUrl.substring(0, provisionerUrl.length() - 1)
            : provisionerUrl;
    return base + "/api/v1/environments/" + pathSegment(environmentId);
  }

  /** {@code value} as one URL path segment: everything but RFC 3986's unreserved escaped. */
  private static String pathSegment(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static OperationError error(String state, String failure) {
    return switch (state) {
      case "FAILED" ->
          new OperationError(
              "ProvisioningFailed", failure == null ? "the provisioning failed" : failure);
      case "CANCELLED" ->
          new OperationError(
              "Cancelled", failure == null ? "the environment's operation was cancelled" : failure);
      default -> null;
    };
  }
}
