package dev.gort.gateway.attempt;

import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.json.SettingsJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One attempt to run a test run on a runner; its id is the token in the callback URL. */
@Entity
@Table(name = "dispatch_attempt")
public class Attempt extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "run_id", nullable = false)
  public String runId;

  @Column(nullable = false)
  public int attempt;

  @Column(nullable = false)
  public String runner;

  @Column(nullable = false)
  public String kind;

  @Column(nullable = false)
  public String experiment;

  @Column(nullable = false)
  public String revision;

  /** The runner settings the run is dispatched with, a JSON object (see {@link #settings()}). */
  @Column(name = "settings", nullable = false)
  public String settingsJson = "{}";

  /** The run's owner, as the request named it. */
  public String owner;

  /**
   * SHA-256 (hex) of the secret token in the callback URL of the job's latest hand-over to the
   * runner; null until the attempt is handed over. The token itself is kept nowhere.
   */
  @Column(name = "callback_token_sha256")
  public String callbackTokenSha256;

  @Column(name = "max_attempts", nullable = false)
  public int maxAttempts;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public AttemptState state;

  @Column(name = "runner_job_id")
  public String runnerJobId;

  public Instant deadline;

  @Column(nullable = false)
  public int tries;

  @Column(name = "next_try_at", nullable = false)
  public Instant nextTryAt;

  @Column(name = "last_error")
  public String lastError;

  public String traceparent;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "dispatched_at")
  public Instant dispatchedAt;

  /** Status polls sent to the runner since the attempt became overdue. */
  @Column(name = "status_polls", nullable = false)
  public int statusPolls;

  /** When the deadline scanner may poll the runner next; also its claim on an ongoing poll. */
  @Column(name = "next_status_poll_at")
  public Instant nextStatusPollAt;

  /** Since when the runner has not answered a status poll; null while it answers. */
  @Column(name = "unresponsive_since")
  public Instant unresponsiveSince;

  /** What the runner last answered a status poll, or why it did not answer. */
  @Column(name = "last_status")
  public String lastStatus;

  /**
   * How often the attempt was handed to its runner (see {@code DispatchRequest#handedOverBefore}).
   */
  @Column(nullable = false)
  public int handovers;

  /** Until when a hand-over under way holds the attempt; null when none is. */
  @Column(name = "handover_until")
  public Instant handoverUntil;

  /** The exit code the runner reported with the job's end; null where it reported none. */
  @Column(name = "exit_code")
  public Integer exitCode;

  @Version public long version;

  // Lifecycle: every change of state goes through AttemptLifecycle, which refuses what it does not
  // declare, so no state is set anywhere else.

  /** The runner accepted the job {@code jobId}; its report is due by {@code deadline}. */
  public void handedOver(String jobId, Instant now, Instant newDeadline) {
    state = AttemptLifecycle.next(this, AttemptLifecycle.Trigger.HAND_OVER);
    runnerJobId = jobId;
    dispatchedAt = now;
    deadline = newDeadline;
    lastError = null;
  }

  /** The runner reported how the job ended, with its exit code where it said one. */
  public void reported(Integer code) {
    state = AttemptLifecycle.next(this, AttemptLifecycle.Trigger.REPORT);
    exitCode = code;
  }

  /** No usable report in time, or the runner reported a timeout. */
  public void timedOut(String reason) {
    state = AttemptLifecycle.next(this, AttemptLifecycle.Trigger.TIME_OUT);
    lastError = reason;
  }

  /** The owner cancelled the run. */
  public void cancelled() {
    state = AttemptLifecycle.next(this, AttemptLifecycle.Trigger.CANCEL);
  }

  /** The job cannot run: no usable runner for it, or the runner refused it as invalid. */
  public void rejected(String reason) {
    state = AttemptLifecycle.next(this, AttemptLifecycle.Trigger.REJECT);
    lastError = reason;
  }

  /**
   * The runner accepted job {@code jobId} for a hand-over that was under way when the run was
   * cancelled: the attempt stays cancelled and knows its job, so that halting it is confirmed.
   */
  public void tookJobAfterCancel(String jobId) {
    if (state != AttemptState.CANCELLED || runnerJobId != null) {
      throw new IllegalStateException(
          "attempt " + id + " is " + state + " with job " + runnerJobId);
    }
    runnerJobId = jobId;
  }

  /** Whether a report for this attempt still decides its run. */
  public boolean awaitsReport() {
    return !AttemptLifecycle.isFinal(state);
  }

  /** Attempt 1 of a requested run, due at once, overdue at {@code deadline} if not dispatched. */
  public static Attempt first(
      RunRequested requested, String traceparent, Instant now, Instant deadline) {
    Attempt a = new Attempt();
    a.runId = requested.runId();
    a.attempt = 1;
    a.runner = requested.runner();
    a.kind = requested.kind();
    a.settingsJson = SettingsJson.write(requested.settings());
    a.experiment = requested.experiment();
    a.revision = requested.revision();
    a.owner = requested.owner();
    a.maxAttempts = requested.maxAttempts();
    a.traceparent = traceparent;
    return a.pendingFrom(now, deadline);
  }

  /** The attempt after this one, for the same run and runner, due at once. */
  public Attempt retry(Instant now, Instant deadline) {
    Attempt a = new Attempt();
    a.runId = runId;
    a.attempt = attempt + 1;
    a.runner = runner;
    a.kind = kind;
    a.settingsJson = settingsJson;
    a.experiment = experiment;
    a.revision = revision;
    a.owner = owner;
    a.maxAttempts = maxAttempts;
    a.traceparent = traceparent;
    return a.pendingFrom(now, deadline);
  }

  /** {@code RunDispatched} for this attempt as handed over (its job id and deadline). */
  public RunDispatched dispatched() {
    return new RunDispatched(runId, attempt, runner, runnerJobId, deadline);
  }

  /**
   * {@code RunCompleted} for this attempt: its runner reported {@code status} (and the attempt's
   * {@link #exitCode}, where it reported one).
   */
  public RunCompleted completed(RunnerStatus status, String resultsUrl, String detail) {
    return new RunCompleted(
        runId,
        attempt,
        runner,
        runnerJobId,
        status,
        resultsUrl,
        experiment,
        owner,
        detail,
        exitCode);
  }

  /** The runner settings the run is dispatched with. */
  public java.util.Map<String, Object> settings() {
    return SettingsJson.read(settingsJson);
  }

  /** The job at the runner, as cancels and status polls name it; null before it has one. */
  public dev.gort.gateway.runner.RunnerJob runnerJob() {
    return runnerJobId == null
        ? null
        : dev.gort.gateway.runner.RunnerJob.of(runnerJobId, kind, settings());
  }

  /** Whether the run's retry budget allows another attempt after this one. */
  public boolean hasAttemptsLeft() {
    return attempt < maxAttempts;
  }

  private Attempt pendingFrom(Instant now, Instant overdueAt) {
    id = UUID.randomUUID().toString();
    deadline = overdueAt;
    state = AttemptState.PENDING;
    nextTryAt = now;
    createdAt = now;
    return this;
  }
}
