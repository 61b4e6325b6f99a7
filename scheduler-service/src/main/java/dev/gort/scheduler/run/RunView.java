package dev.gort.scheduler.run;

import java.time.Instant;
import java.util.List;

/** A test run as the API shows it. */
public record RunView(
    String id,
    String experiment,
    String revision,
    String owner,
    String runner,
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

  public record History(String state, Instant at, String reason) {}

  /**
   * A cancelled run's halt of its job at the runner: {@code asking}, {@code confirmed}, {@code
   * not-needed}, {@code gave-up} or {@code unknown}, with what the gateway said and when.
   */
  public record Halt(String status, String detail, Instant at) {}

  public static RunView of(TestRun run) {
    return new RunView(
        run.id,
        run.experiment,
        run.revision,
        run.owner,
        run.runner,
        run.requestedBy,
        run.state.name(),
        run.outcome == null ? null : run.outcome.name(),
        run.attempts,
        run.operationId,
        run.summary,
        run.createdAt,
        run.lastActionAt,
        run.unresponsiveSince,
        run.halt == null ? null : new Halt(run.halt.word(), run.haltDetail, run.haltAt),
        run.history.stream().map(h -> new History(h.state, h.at, h.reason)).toList());
  }
}
