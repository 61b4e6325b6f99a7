package dev.gort.common.event;

import java.time.Instant;
import java.util.List;

/**
 * The events of an environment's life (seed 004): asked for by event as well as over HTTP, and
 * followed by whoever waits for hardware (a run, the operations list). Keyed by environment id.
 */
public final class EnvironmentEvents {

  private EnvironmentEvents() {}

  /**
   * seed 001, "Operations States", of an environment's provisioning operation in {@code state} (an
   * {@link EnvironmentStatus#state()}): asked for and not begun; provisioning, or torn down after a
   * failure or cancel; ready, or deleted or being deleted by its owner (the provisioning
   * succeeded); failed; cancelled. A state this version does not know reads as running. The
   * provisioner's own operation and the scheduler's operations list both answer with it.
   */
  public static String operationStatus(String state) {
    return switch (state) {
      case "REQUESTED" -> "notstarted";
      case "READY", "DELETING", "TORN_DOWN" -> "succeeded";
      case "FAILED" -> "failed";
      case "CANCELLED" -> "cancelled";
      default -> "running";
    };
  }

  /**
   * Someone asks for an environment: the same request as {@code POST /api/v1/environments}, for
   * {@code owner}. {@code environmentId} is chosen by the sender, so a repeated event is the same
   * environment (the provisioner creates it once). Overrides may be null.
   */
  public record EnvironmentRequested(
      String environmentId,
      String owner,
      String repositoryUrl,
      String nodeType,
      String image,
      Integer durationHours,
      String keyName,
      String publicKey,
      String network)
      implements GortEvent {
    @Override
    public String subject() {
      return environmentId;
    }
  }

  /** Someone asks to stop an environment's provisioning, or to tear a ready one down. */
  public record EnvironmentCancelRequested(String environmentId, String owner, String requestedBy)
      implements GortEvent {
    @Override
    public String subject() {
      return environmentId;
    }
  }

  /**
   * Where an environment is: sent at every step and state change. {@code sequence} grows with every
   * status of one environment, so a reader keeps the highest and drops older ones that arrive late.
   * {@code state} is the environment's state ({@code REQUESTED}, {@code PROVISIONING}, {@code
   * READY}, {@code TEARING_DOWN}, {@code TORN_DOWN}, {@code FAILED}, {@code CANCELLED}); {@code
   * step} the current step; {@code failure} why it failed, or null.
   */
  public record EnvironmentStatus(
      String environmentId,
      String operationId,
      String owner,
      long sequence,
      String state,
      String step,
      int percentComplete,
      String failure,
      String serverId,
      String floatingIp,
      String sshConnection,
      List<String> warnings,
      Instant createdAt,
      Instant changedAt)
      implements GortEvent {

    public EnvironmentStatus {
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    @Override
    public String subject() {
      return environmentId;
    }
  }
}
