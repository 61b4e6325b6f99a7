package dev.gort.console.runs;

import java.time.Instant;

/** {@code GET /api/v1/operations/{id}}: a run's operation, its status and progress. */
public record Operation(
    String id,
    String kind,
    String status,
    Instant createdDateTime,
    Instant lastActionDateTime,
    Integer percentComplete,
    String resourceLocation,
    Error error) {

  public record Error(String code, String message) {}

  /**
   * The operation's status as a state word for {@code {#state}}: {@code running} → RUNNING, {@code
   * notstarted} → NOT_STARTED, {@code timeout} → TIMED_OUT.
   */
  public String statusState() {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "notstarted" -> "NOT_STARTED";
      case "timeout" -> "TIMED_OUT";
      default -> status.toUpperCase(java.util.Locale.ROOT);
    };
  }

  public int percent() {
    return percentComplete == null ? 0 : Math.max(0, Math.min(100, percentComplete));
  }
}
