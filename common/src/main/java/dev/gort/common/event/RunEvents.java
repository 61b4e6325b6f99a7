package dev.gort.common.event;

import java.time.Instant;

/** The events of a test run's life, one record each (architecture, "Events"). */
public final class RunEvents {

  private RunEvents() {}

  /** A run was created (scheduled or triggered) and waits for a runner. */
  public record RunRequested(
      String runId,
      String experiment,
      String revision,
      String owner,
      String ownerEmail,
      String runner,
      int maxAttempts)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /** The gateway handed attempt {@code attempt} to a runner, which answered with its job id. */
  public record RunDispatched(
      String runId, int attempt, String runner, String runnerJobId, Instant deadline)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /** The runner called back for an attempt; the raw result is stored at the gateway. */
  public record RunCompleted(
      String runId,
      int attempt,
      String runner,
      String runnerJobId,
      RunnerStatus status,
      String resultsUrl)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /** The worker parsed and evaluated the results of a run. */
  public record RunEvaluated(String runId, Outcome outcome, String summary, String reportId)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /** The scheduler closed the run; the owner is told. */
  public record RunFinished(
      String runId,
      String experiment,
      String revision,
      String owner,
      String ownerEmail,
      Outcome outcome,
      int attempts,
      String summary,
      Instant finishedAt)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }
}
