package dev.gort.console.operations;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An operation as the scheduler shows it (seed 001's operation resource): a row of the operations
 * page, and a run's progress on its page.
 */
public record Operation(
    String id,
    String kind,
    String status,
    Instant createdDateTime,
    Instant lastActionDateTime,
    Integer percentComplete,
    String resourceLocation,
    Failure error) {

  public record Failure(String code, String message) {}

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

  /**
   * The status as a state word for {@code {#state}}: {@code running} → RUNNING, {@code notstarted}
   * → NOT_STARTED, {@code timeout} → TIMED_OUT.
   */
  public String badgeState() {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "notstarted" -> "NOT_STARTED";
      case "timeout" -> "TIMED_OUT";
      default -> status.toUpperCase(Locale.ROOT);
    };
  }

  /** The console page of what the operation is about; null until the service names it. */
  public String pageHref() {
    String path = resourceLocation == null ? "" : resourceLocation;
    for (String[] link : LINKS) {
      int at = path.indexOf(link[0]);
      if (at >= 0) {
        String id = path.substring(at + link[0].length());
        return ID.matcher(id).matches() ? link[1] + id : null;
      }
    }
    return null;
  }

  /** What {@link #pageHref()} leads to, in words. */
  public String thing() {
    if (kind == null) {
      return "item";
    }
    return switch (kind) {
      case "test-run" -> "test run";
      case "pipeline-run" -> "pipeline run";
      case "environment" -> "environment";
      default -> kind;
    };
  }

  public int percent() {
    return percentComplete == null ? 0 : Math.max(0, Math.min(100, percentComplete));
  }

  // the service's API path of the resource (the provisioner's one absolute) → the console's page
  private static final String[][] LINKS = {
    {"/api/v1/test-runs/", "/runs/"},
    {"/api/v1/pipeline-runs/", "/pipeline-runs/"},
    {"/api/v1/environments/", "/environments/"},
  };
}
