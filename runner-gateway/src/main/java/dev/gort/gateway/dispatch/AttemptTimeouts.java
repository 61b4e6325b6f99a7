package dev.gort.gateway.dispatch;

import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Seed 000, "timeout and retry" / "timeout and no retry": an attempt that passed its deadline, or
 * whose runner reported a timeout, is retried while the run's budget allows; the last one ends the
 * run as a timeout, which the worker marks {@code TIMED_OUT}.
 */
@ApplicationScoped
public class AttemptTimeouts {

  private static final Logger LOG = Logger.getLogger(AttemptTimeouts.class);

  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject DispatchService dispatch;

  /**
   * Times out the attempt whose deadline passed longest ago: a dispatched one whose runner never
   * called back (its job is halted at the runner), or one that could not be dispatched in time (the
   * runner is down, or unknown). Replicas, and the dispatcher calling a runner, skip each other's
   * rows.
   *
   * @return whether there was one
   */
  @Transactional
  public boolean expireNextOverdue() {
    @SuppressWarnings("unchecked")
    List<Attempt> overdue =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE state IN ('PENDING', 'DISPATCHED')"
                    + " AND deadline <= ?1"
                    + " ORDER BY deadline LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .setParameter(1, clock.instant())
            .getResultList();
    if (overdue.isEmpty()) {
      return false;
    }
    Attempt a = overdue.get(0);
    if (a.state == AttemptState.PENDING) {
      timeOut(a, "not dispatched before the deadline " + a.deadline + ": " + a.lastError);
    } else {
      a.requestHalt(clock.instant());
      timeOut(a, "no callback before the deadline " + a.deadline);
    }
    return true;
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
