package dev.gort.gateway.attempt;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.GortEvent;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunEvents.RunUnresponsive;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.retry.Backoff;
import dev.gort.common.time.StoredTime;
import dev.gort.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Moves an attempt through its lifecycle and owes, in the same transaction, the event each step
 * causes (outbox). Every caller holds the attempt's row.
 */
@ApplicationScoped
public class AttemptOutcomes {

  public static final String SOURCE = "/gort/runner-gateway";
  private static final Logger LOG = Logger.getLogger(AttemptOutcomes.class);

  /** A job timeout longer than this is no job's: it extends no deadline. */
  static final Duration MAX_JOB_TIMEOUT = Duration.ofDays(7);

  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject EntityManager em;
  @Inject GatewayConfig config;

  /** The runner accepted {@code a} as job {@code jobId}: {@code RunDispatched}. */
  public void handedOver(Attempt a, String jobId) {
    Instant now = clock.instant();
    a.handedOver(jobId, now, deadlineFrom(now, a.settings()));
    publish(a, a.dispatched());
    LOG.infof("run %s attempt %d dispatched to %s as job %s", a.runId, a.attempt, a.runner, jobId);
  }

  /**
   * The runner reported that {@code a}'s job ended as {@code status} (with {@code exitCode}, where
   * it said one): {@code RunCompleted}, or for a reported timeout the retry or the run's end.
   */
  public void reported(
      Attempt a, RunnerStatus status, String resultsUrl, String detail, Integer exitCode) {
    if (status == RunnerStatus.TIMEOUT) {
      timeOut(
          a,
          detail == null
              ? "the runner reported a timeout"
              : "the runner reported a timeout: " + detail);
      return;
    }
    a.reported(exitCode);
    publish(a, a.completed(status, resultsUrl, detail));
    LOG.infof("run %s attempt %d: runner reported %s", a.runId, a.attempt, status);
  }

  /**
   * Ends {@code a} as timed out, and queues the next attempt while the run's budget allows, or ends
   * the run as a timeout.
   */
  public void timeOut(Attempt a, String reason) {
    Instant now = clock.instant();
    a.timedOut(reason);
    boolean retrying = a.hasAttemptsLeft();
    publish(a, new RunTimedOut(a.runId, a.attempt, a.runner, a.runnerJobId, reason, retrying));
    if (retrying) {
      Attempt next = a.retry(now, deadlineFrom(now));
      next.persist();
      publish(a, new RunRetrying(a.runId, next.attempt, a.maxAttempts));
      LOG.infof(
          "run %s attempt %d timed out (%s); attempt %d of %d queued",
          a.runId, a.attempt, reason, next.attempt, a.maxAttempts);
    } else {
      publish(a, a.completed(RunnerStatus.TIMEOUT, null, reason));
      LOG.infof(
          "run %s attempt %d timed out (%s); no attempts left of %d",
          a.runId, a.attempt, reason, a.maxAttempts);
    }
  }

  /**
   * {@code a}'s job cannot run (no usable runner, or the runner refused it as invalid): the run
   * ends at once as an infrastructure failure with the reason; trying again would change nothing.
   */
  public void rejected(Attempt a, String reason) {
    a.rejected(reason);
    publish(a, a.completed(RunnerStatus.INFRA_FAILURE, null, reason));
    LOG.warnf("run %s attempt %d cannot run: %s", a.runId, a.attempt, reason);
  }

  /**
   * The owner's cancel stopped {@code a}: {@code RunCancelled}, saying what came of halting its
   * job.
   */
  public void cancelReported(Attempt a, RunHalt halt, String detail) {
    publish(
        a,
        new RunCancelled(
            a.runId, a.attempt, a.runner, a.runnerJobId, halt == RunHalt.CONFIRMED, detail, halt));
    LOG.infof("run %s attempt %d cancelled (halt %s): %s", a.runId, a.attempt, halt.word(), detail);
  }

  /**
   * {@code a} is overdue and its runner stopped answering at {@code since}: {@code
   * RunUnresponsive}.
   */
  public void unresponsive(Attempt a, Instant since, String why) {
    a.unresponsiveSince = StoredTime.of(since);
    publish(
        a,
        new RunUnresponsive(a.runId, a.attempt, a.runner, a.runnerJobId, a.unresponsiveSince, why));
  }

  /**
   * Publishes again what the gateway last said about the run of attempt {@code a}, its latest: the
   * dispatch, and the report or the final timeout or rejection if there was one. A pending attempt
   * has nothing to say yet (its dispatch or its deadline will); a cancelled one was settled by the
   * scheduler itself.
   */
  public void republish(Attempt a) {
    LOG.infof(
        "run %s requested again: attempt %d is %s; its events are published again",
        a.runId, a.attempt, a.state);
    if (a.state == AttemptState.PENDING || a.state == AttemptState.CANCELLED) {
      return;
    }
    if (a.runnerJobId != null) {
      publish(a, a.dispatched());
    }
    switch (a.state) {
      case CALLED_BACK -> {
        Object[] report =
            (Object[])
                em.createNativeQuery(
                        "SELECT status, results_url FROM runner_callback WHERE attempt_id = ?1")
                    .setParameter(1, a.id)
                    .getSingleResult();
        publish(a, a.completed(RunnerStatus.valueOf((String) report[0]), (String) report[1], null));
      }
      case TIMED_OUT -> {
        // the latest attempt timed out, so no attempt was left after it
        publish(
            a, new RunTimedOut(a.runId, a.attempt, a.runner, a.runnerJobId, a.lastError, false));
        publish(a, a.completed(RunnerStatus.TIMEOUT, null, a.lastError));
      }
      case REJECTED -> publish(a, a.completed(RunnerStatus.INFRA_FAILURE, null, a.lastError));
      default -> {}
    }
  }

  /** When an attempt created at {@code now} is overdue if no runner has taken it. */
  public Instant deadlineFrom(Instant now) {
    // as stored: RunDispatched says the deadline a later read of the attempt says
    return StoredTime.of(now.plus(config.dispatchDeadline()));
  }

  /**
   * When an attempt handed over at {@code now} with {@code settings} is overdue: the dispatch
   * deadline after the job's own {@code timeout} where the settings name one (an ISO-8601 duration,
   * as a pipeline job's {@code timeout} travels), so a job allowed two hours is not cut off at the
   * dispatch deadline. A timeout that does not read as a positive duration adds nothing; the
   * runner's own checks refuse it.
   */
  public Instant deadlineFrom(Instant now, Map<String, Object> settings) {
    return StoredTime.of(dueBy(now, config.dispatchDeadline(), settings));
  }

  static Instant dueBy(Instant now, Duration dispatchDeadline, Map<String, Object> settings) {
    return now.plus(dispatchDeadline).plus(jobTimeout(settings));
  }

  private static Duration jobTimeout(Map<String, Object> settings) {
    Object timeout = settings.get("timeout");
    if (!(timeout instanceof String text)) {
      return Duration.ZERO;
    }
    try {
      Duration d = Duration.parse(text);
      return d.isNegative() || d.compareTo(MAX_JOB_TIMEOUT) > 0 ? Duration.ZERO : d;
    } catch (java.time.format.DateTimeParseException e) {
      return Duration.ZERO;
    }
  }

  /** How long to wait after the {@code tries}-th failure to reach a runner. */
  public Duration backoffAfter(int tries) {
    return new Backoff(Duration.ofSeconds(1), config.dispatchMaxBackoff()).after(tries);
  }

  private void publish(Attempt a, GortEvent data) {
    outbox.add(Topics.RUNS_STATUS, Envelope.inTrace(a.traceparent, SOURCE, data, clock.instant()));
  }
}
