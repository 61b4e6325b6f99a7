package dev.gort.gateway.dispatch;

import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunEvents.RunUnresponsive;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import dev.gort.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Seed 000, "timeout and retry" / "timeout and no retry": an attempt that passed its deadline, or
 * whose runner reported a timeout, is retried while the run's budget allows; the last one ends the
 * run as a timeout, which the worker marks {@code TIMED_OUT}. At the deadline the runner is polled
 * for the job's status first; while it does not answer, the run is {@code unresponsive}.
 */
@ApplicationScoped
public class AttemptTimeouts {

  private static final Logger LOG = Logger.getLogger(AttemptTimeouts.class);

  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject DispatchService dispatch;
  @Inject GatewayConfig config;

  /** How long a status poll may take before another scan may claim the attempt again. */
  static final Duration POLL_CLAIM = Duration.ofSeconds(30);

  /**
   * Takes the attempt whose deadline passed longest ago. One that could not be dispatched in time
   * (the runner is down, or unknown) is timed out here. A dispatched one is claimed for a status
   * poll of its runner, which the caller sends outside any transaction and hands to {@link
   * #recordStatusPoll}; the claim lapses after {@link #POLL_CLAIM}, so a gateway that dies mid-poll
   * delays the attempt but never loses it. Replicas, and the dispatcher calling a runner, skip each
   * other's rows.
   *
   * @return the attempt taken, if any was overdue
   */
  @Transactional
  public Optional<Overdue> claimNextOverdue() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Attempt> overdue =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE state IN ('PENDING', 'DISPATCHED')"
                    + " AND deadline <= ?1"
                    + " AND (next_status_poll_at IS NULL OR next_status_poll_at <= ?1)"
                    + " ORDER BY deadline LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .setParameter(1, now)
            .getResultList();
    if (overdue.isEmpty()) {
      return Optional.empty();
    }
    Attempt a = overdue.get(0);
    if (a.state == AttemptState.PENDING) {
      timeOut(a, "not dispatched before the deadline " + a.deadline + ": " + a.lastError);
      return Optional.of(new Overdue(a.id, a.runner, null));
    }
    a.nextStatusPollAt = now.plus(POLL_CLAIM);
    return Optional.of(new Overdue(a.id, a.runner, a.runnerJobId));
  }

  /**
   * Settles overdue attempt {@code attemptId} by what its runner answered the status poll. A runner
   * that answered gets its job halted and the attempt timed out. One that did not makes the run
   * unresponsive ({@code RunUnresponsive}, once) and is polled again with back-off, until {@code
   * gort.gateway.unresponsive-grace} has passed; then the attempt is timed out anyway. An attempt
   * that a callback or a cancel settled during the poll stays as they left it.
   */
  @Transactional
  public void recordStatusPoll(String attemptId, StatusAnswer answer) {
    Attempt a = Attempt.findById(attemptId, LockModeType.PESSIMISTIC_WRITE);
    if (a == null || a.state != AttemptState.DISPATCHED) {
      return;
    }
    Instant now = clock.instant();
    a.statusPolls++;
    if (answer.answered()) {
      String silence =
          a.unresponsiveSince == null ? "" : " after not answering since " + a.unresponsiveSince;
      a.lastStatus = answer.text();
      a.unresponsiveSince = null;
      a.nextStatusPollAt = null;
      a.requestHalt(now);
      timeOut(
          a,
          "no callback before the deadline "
              + a.deadline
              + "; the runner answered"
              + silence
              + ": "
              + answer.text());
      return;
    }
    a.lastStatus = "no answer: " + answer.text();
    if (a.unresponsiveSince == null) {
      // the database keeps microseconds: the event says what a later read of the row says
      a.unresponsiveSince = now.truncatedTo(ChronoUnit.MICROS);
      outbox.add(
          Topics.RUNS_STATUS,
          dispatch.causedByRequest(
              a,
              new RunUnresponsive(
                  a.runId,
                  a.attempt,
                  a.runner,
                  a.runnerJobId,
                  a.unresponsiveSince,
                  answer.text())));
      LOG.warnf(
          "run %s attempt %d is overdue and runner %s does not answer for job %s: %s",
          a.runId, a.attempt, a.runner, a.runnerJobId, answer.text());
    }
    Instant giveUpAt = a.unresponsiveSince.plus(config.unresponsiveGrace());
    if (!now.isBefore(giveUpAt)) {
      a.nextStatusPollAt = null;
      a.requestHalt(now);
      timeOut(
          a,
          "runner "
              + a.runner
              + " has not answered a status poll since "
              + a.unresponsiveSince
              + " ("
              + a.statusPolls
              + " polls; last: "
              + answer.text()
              + ")");
      return;
    }
    Instant next = now.plus(dispatch.backoffAfter(a.statusPolls));
    a.nextStatusPollAt = next.isAfter(giveUpAt) ? giveUpAt : next;
  }

  /**
   * An overdue attempt the scanner took: {@code runnerJobId} is the job to poll the runner about,
   * or null when the attempt was settled without a poll.
   */
  public record Overdue(String attemptId, String runner, String runnerJobId) {
    public boolean needsStatusPoll() {
      return runnerJobId != null;
    }
  }

  /** What a runner answered a status poll ({@code answered}), or why it did not. */
  public record StatusAnswer(boolean answered, String text) {
    public static StatusAnswer of(String status) {
      return new StatusAnswer(true, status);
    }

    public static StatusAnswer none(String why) {
      return new StatusAnswer(false, why);
    }
  }

  /**
   * Ends attempt {@code a} as timed out, and queues the next attempt or ends the run. The caller
   * holds the row in its transaction.
   */
  public void timeOut(Attempt a, String reason) {
    Instant now = clock.instant();
    a.state = AttemptState.TIMED_OUT;
    a.lastError = reason;
    boolean retrying = a.hasAttemptsLeft();
    outbox.add(
        Topics.RUNS_STATUS,
        dispatch.causedByRequest(
            a, new RunTimedOut(a.runId, a.attempt, a.runner, a.runnerJobId, reason, retrying)));
    if (retrying) {
      Attempt next = a.retry(now, dispatch.deadlineFrom(now));
      next.persist();
      outbox.add(
          Topics.RUNS_STATUS,
          dispatch.causedByRequest(a, new RunRetrying(a.runId, next.attempt, a.maxAttempts)));
      LOG.infof(
          "run %s attempt %d timed out (%s); attempt %d of %d queued",
          a.runId, a.attempt, reason, next.attempt, a.maxAttempts);
    } else {
      outbox.add(
          Topics.RUNS_STATUS,
          dispatch.causedByRequest(
              a,
              new RunCompleted(
                  a.runId, a.attempt, a.runner, a.runnerJobId, RunnerStatus.TIMEOUT, null)));
      LOG.infof(
          "run %s attempt %d timed out (%s); no attempts left of %d",
          a.runId, a.attempt, reason, a.maxAttempts);
    }
  }
}
