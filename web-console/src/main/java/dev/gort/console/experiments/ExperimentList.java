package dev.gort.console.experiments;

import dev.gort.console.api.Paged;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/experiments}: a page of experiments and the scheduler's latest poll. */
public record ExperimentList(List<Experiment> value, String nextLink, Poll lastPoll) {

  public Paged<Experiment> page() {
    return new Paged<>(value, nextLink);
  }

  /** An experiment as the scheduler's list shows it. */
  public record Experiment(
      String slug,
      String name,
      String owner,
      String revision,
      Boolean readyForTest,
      String state,
      Instant lastSeenDateTime,
      LastRun lastRun,
      String lastOutcome,
      TestConfig testConfig) {}

  public record LastRun(
      String id,
      String revision,
      String state,
      String outcome,
      Instant createdDateTime,
      Instant lastActionDateTime) {}

  public record TestConfig(String runner, String kind) {}

  /** The latest poll of the experiment source: whether it worked, and why not. */
  public record Poll(
      String status,
      Instant startedDateTime,
      Instant finishedDateTime,
      int experimentsSeen,
      int experimentsReady,
      int runsCreated,
      String reason) {

    public boolean failed() {
      return "FAILED".equals(status);
    }
  }
}
