package dev.gort.common.event;

import java.time.Instant;
import java.util.Map;

/** The events of a test run's life, one record each (architecture, "Events"). */
public final class RunEvents {

  private RunEvents() {}

  /**
   * A run was created (scheduled or triggered) and waits for a runner. {@code kind} is what the
   * runner is asked to do ({@code test}, {@code build}, {@code boot}); {@code settings} are the
   * runner's settings for this run (the experiment's test configuration, with the request's
   * overrides), as the runner checked them. Senders from before kinds existed said neither: a test
   * with the runner's defaults.
   */
  public record RunRequested(
      String runId,
      String experiment,
      String revision,
      String owner,
      String ownerEmail,
      String runner,
      int maxAttempts,
      String kind,
      Map<String, Object> settings)
      implements GortEvent {

    public RunRequested {
      kind = kind == null ? "test" : kind;
      settings =
          settings == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** A test with the runner's default settings. */
    public RunRequested(
        String runId,
        String experiment,
        String revision,
        String owner,
        String ownerEmail,
        String runner,
        int maxAttempts) {
      this(runId, experiment, revision, owner, ownerEmail, runner, maxAttempts, "test", Map.of());
    }

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

  /**
   * The runner called back for an attempt; the raw result is stored at the gateway. {@code
   * experiment} and {@code owner} say whose run it is (null from a sender that did not say); {@code
   * detail} is what the runner said in its own words, or why the gateway ended the attempt without
   * a report (a job the runner refused as invalid), null when there is nothing to add. {@code
   * exitCode} is the failing command's exit code where the runner reported one (a pipeline job's
   * {@code allow_failure: {exit_codes: …}} looks at it); null otherwise, and from older senders.
   */
  public record RunCompleted(
      String runId,
      int attempt,
      String runner,
      String runnerJobId,
      RunnerStatus status,
      String resultsUrl,
      String experiment,
      String owner,
      String detail,
      Integer exitCode)
      implements GortEvent {

    public RunCompleted(
        String runId,
        int attempt,
        String runner,
        String runnerJobId,
        RunnerStatus status,
        String resultsUrl,
        String experiment,
        String owner,
        String detail) {
      this(
          runId, attempt, runner, runnerJobId, status, resultsUrl, experiment, owner, detail, null);
    }

    public RunCompleted(
        String runId,
        int attempt,
        String runner,
        String runnerJobId,
        RunnerStatus status,
        String resultsUrl,
        String experiment,
        String owner) {
      this(runId, attempt, runner, runnerJobId, status, resultsUrl, experiment, owner, null, null);
    }

    @Override
    public String subject() {
      return runId;
    }
  }

  /**
   * Attempt {@code attempt} ended without a usable report: no callback before its deadline, or the
   * runner reported a timeout. {@code retrying} says whether another attempt follows.
   */
  public record RunTimedOut(
      String runId, int attempt, String runner, String runnerJobId, String reason, boolean retrying)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /**
   * Attempt {@code attempt} is overdue and its runner has not answered a status poll since {@code
   * since}: the run is unresponsive until the runner answers, reports, or the gateway gives up on
   * it and times the attempt out.
   */
  public record RunUnresponsive(
      String runId, int attempt, String runner, String runnerJobId, Instant since, String reason)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /** The gateway queued attempt {@code attempt} (of {@code maxAttempts}) after a timeout. */
  public record RunRetrying(String runId, int attempt, int maxAttempts) implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /** The owner cancelled the run; the gateway halts whatever runs for it at the runner. */
  public record CancelRequested(String runId, String reason) implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /**
   * The gateway stopped dispatching the run and, where a job was running, halted it at the runner
   * ({@code haltedAtRunner}); {@code halt} says what came of halting it (never {@link
   * RunHalt#ASKING}: the gateway sends this once it knows), {@code detail} what happened there.
   */
  public record RunCancelled(
      String runId,
      int attempt,
      String runner,
      String runnerJobId,
      boolean haltedAtRunner,
      String detail,
      RunHalt halt)
      implements GortEvent {

    /** From a sender that did not say what became of the halt: read from {@code haltedAtRunner}. */
    public RunCancelled(
        String runId,
        int attempt,
        String runner,
        String runnerJobId,
        boolean haltedAtRunner,
        String detail) {
      this(
          runId,
          attempt,
          runner,
          runnerJobId,
          haltedAtRunner,
          detail,
          haltedAtRunner ? RunHalt.CONFIRMED : RunHalt.UNKNOWN);
    }

    public RunCancelled {
      if (halt == null) {
        halt = haltedAtRunner ? RunHalt.CONFIRMED : RunHalt.UNKNOWN;
      }
    }

    @Override
    public String subject() {
      return runId;
    }
  }

  /**
   * The worker parsed and evaluated the results of attempt {@code attempt} of a run (0 from a
   * sender that did not say).
   */
  public record RunEvaluated(
      String runId, int attempt, Outcome outcome, String summary, String reportId)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }

  /**
   * The scheduler closed the run; the owner is told. {@code requestedBy} names who asked for the
   * run (null from a sender that did not say). A cancelled run's {@code halt} and {@code
   * haltDetail} say whether its runner confirmed halting the job, is still being asked, or the
   * gateway gave up (null for other runs). {@code reportId} is the results worker's report of the
   * run, from its {@code RunEvaluated} (null for a run that ended without one, and from older
   * senders).
   */
  public record RunFinished(
      String runId,
      String experiment,
      String revision,
      String owner,
      String ownerEmail,
      Outcome outcome,
      int attempts,
      String summary,
      Instant finishedAt,
      String requestedBy,
      RunHalt halt,
      String haltDetail,
      String reportId)
      implements GortEvent {

    public RunFinished(
        String runId,
        String experiment,
        String revision,
        String owner,
        String ownerEmail,
        Outcome outcome,
        int attempts,
        String summary,
        Instant finishedAt,
        String requestedBy,
        RunHalt halt,
        String haltDetail) {
      this(
          runId,
          experiment,
          revision,
          owner,
          ownerEmail,
          outcome,
          attempts,
          summary,
          finishedAt,
          requestedBy,
          halt,
          haltDetail,
          null);
    }

    public RunFinished(
        String runId,
        String experiment,
        String revision,
        String owner,
        String ownerEmail,
        Outcome outcome,
        int attempts,
        String summary,
        Instant finishedAt,
        String requestedBy) {
      this(
          runId,
          experiment,
          revision,
          owner,
          ownerEmail,
          outcome,
          attempts,
          summary,
          finishedAt,
          requestedBy,
          null,
          null);
    }

    @Override
    public String subject() {
      return runId;
    }
  }

  /**
   * The notifier took the owner's notifications of a finished run (queued, or none for an owner
   * without an address, as {@code detail} says); sent again whenever the run's {@code RunFinished}
   * comes again. The scheduler stops asking once it has it.
   */
  public record NotificationQueued(String runId, Outcome outcome, int notifications, String detail)
      implements GortEvent {
    @Override
    public String subject() {
      return runId;
    }
  }
}
