package dev.gort.gateway.dispatch;

import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunEvents.RunUnresponsive;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.time.StoredTime;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.runner.RunnerJobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
      return Optional.of(Overdue.settled(a.id));
    }
    if (a.runnerJobId == null) {
      // nothing to poll, nothing to halt
      timeOut(a, "no callback before the deadline " + a.deadline + " and no runner job to poll");
      return Optional.of(Overdue.settled(a.id));
    }
    a.nextStatusPollAt = StoredTime.of(now.plus(POLL_CLAIM));
    return Optional.of(new Overdue(a.id, a.runner, a.runnerJob(), a.nextStatusPollAt));
  }

  /**
   * Settles overdue attempt {@code claim} by what its runner answered the status poll:
   *
   * <ul>
   *   <li>the job still runs, or the runner does not know it: the job is halted and the attempt
   *       timed out;
   *   <li>the job finished: its callback may be on its way, so the runner is polled again with
   *       back-off; the attempt is timed out only if no callback came once {@code
   *       gort.gateway.unresponsive-grace} has passed;
   *   <li>no answer: the run is unresponsive ({@code RunUnresponsive}, once) and the runner is
   *       polled again with back-off, until the grace has passed since it stopped answering; then
   *       the attempt is timed out anyway.
   * </ul>
   *
   * An attempt that a callback or a cancel settled during the poll stays as they left it, and an
   * answer that comes after its claim lapsed (another scan claimed the attempt again) is dropped.
   */
  @Transactional
  public void recordStatusPoll(Overdue claim, StatusAnswer answer) {
    Attempt a = Attempt.findById(claim.attemptId(), LockModeType.PESSIMISTIC_WRITE);
    if (a == null
        || a.state != AttemptState.DISPATCHED
        || !claim.claimedUntil().equals(a.nextStatusPollAt)) {
      return;
    }
    Instant now = clock.instant();
    a.statusPolls++;
    a.lastStatus = answer.answered() ? answer.status().status() : "no answer: " + answer.why();
    if (answer.answered() && !answer.status().finished()) {
      String silence =
          a.unresponsiveSince == null ? "" : " after not answering since " + a.unresponsiveSince;
      a.nextStatusPollAt = null;
      a.requestHalt(now);
      timeOut(
          a,
          "no callback before the deadline "
              + a.deadline
              + "; the runner answered"
              + silence
              + ": "
              + answer.status().status());
      return;
    }
    if (!answer.answered() && a.unresponsiveSince == null) {
      a.unresponsiveSince = StoredTime.of(now);
      outbox.add(
          Topics.RUNS_STATUS,
          dispatch.causedByRequest(
              a,
              new RunUnresponsive(
                  a.runId, a.attempt, a.runner, a.runnerJobId, a.unresponsiveSince, answer.why())));
      LOG.warnf(
          "run %s attempt %d is overdue and runner %s does not answer for job %s: %s",
          a.runId, a.attempt, a.runner, a.runnerJobId, Untrusted.forLog(answer.why()));
    }
    Instant giveUpAt =
        (answer.answered() || a.unresponsiveSince == null ? a.deadline : a.unresponsiveSince)
            .plus(config.unresponsiveGrace());
    if (!now.isBefore(giveUpAt)) {
      a.nextStatusPollAt = null;
      a.requestHalt(now);
      timeOut(a, givenUp(a, answer));
      return;
    }
    Instant next = now.plus(dispatch.backoffAfter(a.statusPolls));
    a.nextStatusPollAt = next.isAfter(giveUpAt) ? giveUpAt : next;
  }

  private static String givenUp(Attempt a, StatusAnswer answer) {
    if (answer.answered()) {
      return "the runner reports job "
          + a.runnerJobId
          + " "
          + answer.status().status()
          + " but no callback came by "
          + a.deadline
          + " plus the grace";
    }
    return "runner "
        + a.runner
        + " has not answered a status poll since "
        + a.unresponsiveSince
        + " ("
        + a.statusPolls
        + " polls; last: "
        + answer.why()
        + ")";
  }

  /**
   * An overdue attempt the scanner took: to poll runner {@code runner} about job {@code
   * runnerJobId} under a claim that lasts until {@code claimedUntil}, or (both null) already
   * settled without a poll.
   */
  public record Overdue(
      String attemptId,
      String runner,
      dev.gort.gateway.runner.RunnerJob job,
      Instant claimedUntil) {

    static Overdue settled(String attemptId) {
      return new Overdue(attemptId, null, null, null);
    }

    public boolean needsStatusPoll() {
      return claimedUntil != null;
    }
  }

  /** What a runner answered a status poll ({@code status}), or why it did not ({@code why}). */
  public record StatusAnswer(RunnerJobStatus status, String why) {
    public static StatusAnswer of(RunnerJobStatus status) {
      return new StatusAnswer(status, null);
    }

    public static StatusAnswer none(String why) {
      return new StatusAnswer(null, why);
    }

    public boolean answered() {
      return status != null;
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
          Topics.RUNS_STATUS, dispatch.causedByRequest(a, a.completed(RunnerStatus.TIMEOUT, null)));
      LOG.infof(
          "run %s attempt %d timed out (%s); no attempts left of %d",
          a.runId, a.attempt, reason, a.maxAttempts);
    }
  }
}
