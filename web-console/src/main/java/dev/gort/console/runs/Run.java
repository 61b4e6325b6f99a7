package dev.gort.console.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/test-runs/{id}}: a test run as the scheduler shows it. */
public record Run(
    String id,
    String experiment,
    String revision,
    String owner,
    String runner,
    String kind,
    Map<String, Object> settings,
    String requestedBy,
    String state,
    String outcome,
    int attempts,
    String operationId,
    String summary,
    Instant createdDateTime,
    Instant lastActionDateTime,
    Instant unresponsiveSince,
    Halt halt,
    List<History> history) {

  static final String FINISHED = "FINISHED";
  private static final String CANCELLED_BY = "cancelled by ";

  public Run {
    settings = settings == null ? Map.of() : settings;
    history = history == null ? List.of() : history;
  }

  /** One state the run entered, when, and why. */
  public record History(String state, Instant at, String reason) {}

  /** A cancelled run's halt of its job at the runner, as the gateway last said. */
  public record Halt(String status, String detail, Instant at) {}

  public boolean finished() {
    return FINISHED.equals(state);
  }

  /**
   * Who cancelled the run, as its history says ("cancelled by alice"), or null when nobody did (the
   * gateway's or the stall detector's ends are reasons, not people).
   */
  public String cancelledBy() {
    for (History h : history) {
      if (h.reason() != null && h.reason().startsWith(CANCELLED_BY)) {
        return h.reason().substring(CANCELLED_BY.length()).strip();
      }
    }
    return null;
  }

  /** When the run entered FINISHED, or null while it is unfinished. */
  public Instant finishedDateTime() {
    for (History h : history) {
      if (FINISHED.equals(h.state())) {
        return h.at();
      }
    }
    return null;
  }
}
