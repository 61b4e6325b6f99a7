package dev.gort.localrunner.job;

import dev.gort.common.process.RunningCommand;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One job at the agent: what was asked ({@link JobSpec}), where it runs, and how it is going. Its
 * state is {@code running} until it ends once with an {@link Outcome}; every method is thread-safe.
 */
public final class Job {

  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";

  private final String id;
  private final String readToken;
  private final JobSpec spec;
  private final Instant created;
  private final Path dir;

  private Outcome outcome;
  private String detail;
  private Integer exitCode;
  private Instant ended;
  private String callbackStatus;
  private String cancelReason;
  private Outcome cancelOutcome;
  private RunningCommand current;
  private final List<CommandResult> results = new ArrayList<>();

  Job(String id, String readToken, JobSpec spec, Instant created, Path dir) {
    this.id = id;
    this.readToken = readToken;
    this.spec = spec;
    this.created = created;
    this.dir = dir;
  }

  /** A job read back from its record after a restart: ended, as the record says. */
  static Job restored(JobRecord record, JobSpec spec, Path dir) {
    Job job = new Job(record.jobId(), record.readToken(), spec, record.createdDateTime(), dir);
    job.outcome = record.outcome();
    job.detail = record.detail();
    job.exitCode = record.exitCode();
    job.ended = record.finishedDateTime();
    job.results.addAll(record.commands() == null ? List.of() : record.commands());
    job.callbackStatus = record.callbackStatus();
    return job;
  }

  public String id() {
    return id;
  }

  String readToken() {
    return readToken;
  }

  public JobSpec spec() {
    return spec;
  }

  public Instant created() {
    return created;
  }

  Path dir() {
    return dir;
  }

  Path workDir() {
    return dir.resolve("work");
  }

  Path logFile() {
    return dir.resolve("output.log");
  }

  Path resultsFile() {
    return workDir().resolve(".gort").resolve("results.json");
  }

  public synchronized String status() {
    return outcome == null ? RUNNING : FINISHED;
  }

  public synchronized Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  public synchronized String detail() {
    return detail;
  }

  public synchronized Integer exitCode() {
    return exitCode;
  }

  public synchronized Instant ended() {
    return ended;
  }

  public synchronized String callbackStatus() {
    return callbackStatus;
  }

  synchronized void callbackStatus(String status) {
    this.callbackStatus = status;
  }

  public synchronized List<CommandResult> commandResults() {
    return List.copyOf(results);
  }

  synchronized void commandEnded(CommandResult result) {
    results.add(result);
  }

  /**
   * Asks a running job to stop; the job's execution ends its process tree and ends the job with
   * {@code as} ({@code cancelled} for the gateway's cancel, {@code infra-failure} when the agent
   * stops).
   */
  synchronized boolean requestCancel(String reason, Outcome as) {
    if (outcome != null || cancelReason != null) {
      return false;
    }
    cancelReason = reason;
    cancelOutcome = as;
    return true;
  }

  synchronized Outcome cancelOutcome() {
    return cancelOutcome == null ? Outcome.CANCELLED : cancelOutcome;
  }

  synchronized Optional<String> cancelReason() {
    return Optional.ofNullable(cancelReason);
  }

  synchronized void current(RunningCommand command) {
    this.current = command;
  }

  synchronized Optional<RunningCommand> current() {
    return Optional.ofNullable(current);
  }

  /** Ends the job, once: false when it had ended already. */
  synchronized boolean end(Outcome outcome, String detail, Integer exitCode, Instant at) {
    if (this.outcome != null) {
      return false;
    }
    this.outcome = outcome;
    this.detail = detail;
    this.exitCode = exitCode;
    this.ended = at;
    this.current = null;
    return true;
  }

  synchronized JobRecord record() {
    return new JobRecord(
        id,
        spec.attemptId(),
        readToken,
        spec.runId(),
        spec.attempt(),
        spec.experiment(),
        spec.revision(),
        spec.kind(),
        status(),
        outcome,
        detail,
        exitCode,
        created,
        ended,
        callbackStatus,
        List.copyOf(results));
  }
}
