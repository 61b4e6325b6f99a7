package dev.gort.gateway.deadline;

import dev.gort.common.web.Untrusted;
import dev.gort.common.workqueue.Lease;
import dev.gort.common.workqueue.Result;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.attempt.AttemptOutcomes;
import dev.gort.gateway.attempt.AttemptState;
import dev.gort.gateway.attempt.Reports;
import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.deadline.OverdueDecision.Decision;
import dev.gort.gateway.deadline.OverdueDecision.PollAgain;
import dev.gort.gateway.deadline.OverdueDecision.Recover;
import dev.gort.gateway.deadline.OverdueDecision.TimeOut;
import dev.gort.gateway.halt.HaltReason;
import dev.gort.gateway.halt.Halts;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerRegistry;
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
 * Seed 000, "timeout and retry" / "timeout and no retry": takes the attempt whose deadline passed
 * longest ago. One that could not be dispatched in time is timed out at once; a dispatched one is
 * leased for a status poll of its runner, sent outside any transaction, and settled by what the
 * runner answered ({@link OverdueDecision}). The lease lapses after {@link #POLL_CLAIM}, so a
 * gateway that dies mid-poll delays the attempt but never loses it.
 */
@ApplicationScoped
public class OverdueQueue implements WorkQueue.Steps<OverdueQueue.Overdue, StatusAnswer> {

  /** How long a status poll may take before another scan may claim the attempt again. */
  static final Duration POLL_CLAIM = Duration.ofSeconds(30);

  private static final Logger LOG = Logger.getLogger(OverdueQueue.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject GatewayConfig config;
  @Inject RunnerRegistry runners;
  @Inject AttemptOutcomes outcomes;
  @Inject Halts halts;
  @Inject Reports reports;

  /**
   * An overdue attempt taken: to poll runner {@code runner} about {@code job} under {@code lease},
   * or (all null) already settled without a poll.
   */
  public record Overdue(String attemptId, String runner, RunnerJob job, Lease lease) {

    static Overdue settled(String attemptId) {
      return new Overdue(attemptId, null, null, null);
    }

    public boolean needsStatusPoll() {
      return lease != null;
    }
  }

  @Override
  @Transactional
  public Optional<Overdue> claimNext() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Attempt> overdue =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE state IN ('PENDING', 'DISPATCHED')"
                    + " AND deadline <= ?1"
                    + " AND (next_status_poll_at IS NULL OR next_status_poll_at <= ?1)"
                    // a hand-over under way decides first; its lease bounds the wait
                    + " AND (handover_until IS NULL OR handover_until <= ?1)"
                    + " ORDER BY deadline LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .setParameter(1, now)
            .getResultList();
    if (overdue.isEmpty()) {
      return Optional.empty();
    }
    Attempt a = overdue.get(0);
    if (a.state == AttemptState.PENDING) {
      outcomes.timeOut(a, "not dispatched before the deadline " + a.deadline + ": " + a.lastError);
      return Optional.of(Overdue.settled(a.id));
    }
    if (a.runnerJobId == null) {
      outcomes.timeOut(
          a, "no callback before the deadline " + a.deadline + " and no runner job to poll");
      return Optional.of(Overdue.settled(a.id));
    }
    Lease lease = Lease.of(now, POLL_CLAIM);
    a.nextStatusPollAt = lease.until();
    return Optional.of(new Overdue(a.id, a.runner, a.runnerJob(), lease));
  }

  @Override
  public StatusAnswer call(Overdue overdue) {
    if (!overdue.needsStatusPoll()) {
      return null;
    }
    Optional<Runner> runner = runners.find(overdue.runner());
    if (runner.isEmpty()) {
      return StatusAnswer.none("no runner registered with code '" + overdue.runner() + "'");
    }
    return StatusAnswer.of(runner.get().status(overdue.job()));
  }

  /**
   * Settles the overdue attempt by its runner's answer (a failed poll is no answer). An attempt
   * that a callback or a cancel settled during the poll stays as they left it, and an answer that
   * comes after its lease lapsed is dropped.
   */
  @Override
  @Transactional
  public void record(Overdue overdue, Result<StatusAnswer> result) {
    if (!overdue.needsStatusPoll()) {
      return;
    }
    Attempt a = em.find(Attempt.class, overdue.attemptId(), LockModeType.PESSIMISTIC_WRITE);
    if (a == null
        || a.state != AttemptState.DISPATCHED
        || !overdue.lease().holds(a.nextStatusPollAt)) {
      return;
    }
    StatusAnswer answer = result.succeeded() ? result.answer() : StatusAnswer.none(result.why());
    Instant now = clock.instant();
    int polls = a.statusPolls + 1;
    Decision decision =
        OverdueDecision.decide(
            a, polls, answer, now, config.unresponsiveGrace(), outcomes.backoffAfter(polls));
    a.statusPolls = polls;
    a.lastStatus = answer.answered() ? answer.status().status() : "no answer: " + answer.why();
    if (decision instanceof TimeOut timeOut) {
      a.nextStatusPollAt = null;
      halts.haltJobOf(a, HaltReason.DEADLINE);
      outcomes.timeOut(a, timeOut.reason());
    } else if (decision instanceof Recover recover) {
      a.nextStatusPollAt = null;
      LOG.infof(
          "run %s attempt %d: no callback came, but runner %s says job %s ended: %s",
          a.runId, a.attempt, a.runner, a.runnerJobId, Untrusted.forLog(answer.status().status()));
      reports.record(
          a, recover.report(), "recovered by a status poll: " + answer.status().status());
    } else if (decision instanceof PollAgain again) {
      if (again.unresponsiveSince() != null) {
        outcomes.unresponsive(a, again.unresponsiveSince(), answer.why());
        LOG.warnf(
            "run %s attempt %d is overdue and runner %s does not answer for job %s: %s",
            a.runId, a.attempt, a.runner, a.runnerJobId, Untrusted.forLog(answer.why()));
      }
      a.nextStatusPollAt = again.at();
    }
  }
}
