package dev.gort.scheduler.stall;

import dev.gort.scheduler.run.RunService;
import dev.gort.scheduler.run.RunState;
import dev.gort.scheduler.run.TestRun;
import dev.gort.scheduler.stall.StallPolicy.Action;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Finds runs that stalled and acts on each in a transaction of its own: the run is locked (replicas
 * and event consumers skip or wait for each other), the decision taken again on what is locked, and
 * the nudge or the give-up written with the event it causes.
 */
@ApplicationScoped
public class StalledRuns {

  /** Counter of nudges, by the state the run waited in. */
  static final String NUDGED = "gort.runs.nudged";

  /** Counter of runs given up after every nudge, by state. */
  static final String STALLED = "gort.runs.stalled";

  /** Counter of finished runs whose notification the notifier never confirmed. */
  static final String UNCONFIRMED = "gort.runs.notification.unconfirmed";

  private static final Logger LOG = Logger.getLogger(StalledRuns.class);

  // The policy's allowances as SQL, so a scan reads only runs that may have stalled; the policy
  // decides again on each (a test checks the two agree).
  private static final String CANDIDATES =
      """
      SELECT id FROM test_run
       WHERE (state IN ('QUEUED', 'COMPLETED') AND last_action_at <= ?1)
          OR (state = 'RUNNING' AND last_action_at <= ?1
              AND (attempt_deadline IS NULL OR attempt_deadline <= ?2))
          OR (state = 'EVALUATING' AND last_action_at <= ?3)
          OR (state = 'FINISHED' AND finish_announced AND notified_at IS NULL
              AND notify_nudges <= ?5 AND COALESCE(notify_nudged_at, last_action_at) <= ?4)
          OR (state = 'FINISHED' AND NOT finish_announced AND halt_at <= ?7)
       ORDER BY last_action_at, id
       LIMIT ?6
      """;

  @Inject EntityManager em;
  @Inject RunService runs;
  @Inject MeterRegistry metrics;

  private final StallPolicy policy;
  private final Duration cancelHaltWait;

  @Inject
  public StalledRuns(StallConfig config) {
    this.policy = StallPolicy.of(config);
    this.cancelHaltWait = config.cancelHaltWait();
  }

  /** Ids of runs that may have stalled by {@code now}, oldest first, at most {@code limit}. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<String> candidates(Instant now, int limit) {
    return em.createNativeQuery(CANDIDATES)
        .setParameter(1, Timestamp.from(now.minus(policy.queued())))
        .setParameter(2, Timestamp.from(now.minus(policy.runningAfterDeadline())))
        .setParameter(3, Timestamp.from(now.minus(policy.evaluating())))
        .setParameter(4, Timestamp.from(now.minus(policy.notification())))
        .setParameter(5, policy.maxNudges())
        .setParameter(6, limit)
        .setParameter(7, Timestamp.from(now.minus(cancelHaltWait)))
        .getResultList();
  }

  /**
   * Nudges or gives up the run {@code runId} if it has stalled by {@code now}.
   *
   * @return what was done
   */
  @Transactional
  public Action act(String runId, Instant now) {
    @SuppressWarnings("unchecked")
    List<TestRun> locked =
        em.createNativeQuery(
                "SELECT * FROM test_run WHERE id = ?1 FOR UPDATE SKIP LOCKED", TestRun.class)
            .setParameter(1, runId)
            .getResultList();
    if (locked.isEmpty()) {
      return Action.WAIT;
    }
    TestRun run = locked.get(0);
    if (run.state == RunState.FINISHED && !run.finishAnnounced) {
      return announceWithoutHalt(run, now);
    }
    if (run.state == RunState.FINISHED) {
      return run.notifiedAt == null ? actOnNotification(run, now) : Action.WAIT;
    }
    Action action =
        policy.decide(run.state, run.lastActionAt, run.attemptDeadline, run.nudges, now);
    String since = "no progress since " + run.lastActionAt + " in " + run.state;
    String waiting = "waiting for " + StallPolicy.waitingFor(run.state);
    switch (action) {
      case NUDGE -> {
        String reason =
            since
                + ", "
                + waiting
                + ": asked again (nudge "
                + (run.nudges + 1)
                + " of "
                + policy.maxNudges()
                + ")";
        metrics.counter(NUDGED, "state", run.state.name()).increment();
        LOG.warnf("run %s: %s", run.id, reason);
        runs.nudge(run, reason, now);
      }
      case GIVE_UP -> {
        String reason = since + ", " + waiting + ", after " + run.nudges + " nudges: given up";
        metrics.counter(STALLED, "state", run.state.name()).increment();
        LOG.errorf("run %s: %s", run.id, reason);
        runs.stall(run, reason, now);
      }
      case WAIT -> {}
    }
    return action;
  }

  private Action announceWithoutHalt(TestRun run, Instant now) {
    if (run.haltAt != null && now.isBefore(run.haltAt.plus(cancelHaltWait))) {
      return Action.WAIT;
    }
    String reason =
        "no word from the gateway on halting the job after "
            + cancelHaltWait
            + ": the owner is told "
            + run.runner
            + " is still being asked";
    LOG.warnf("run %s: %s", run.id, reason);
    runs.noteAndAnnounce(run, reason, now);
    return Action.NUDGE;
  }

  private Action actOnNotification(TestRun run, Instant now) {
    // counted from the last re-send, as the candidates query counts it: a run another replica has
    // just sent again is not sent again at once
    Instant since = run.notifyNudgedAt == null ? run.lastActionAt : run.notifyNudgedAt;
    Action action = policy.decide(RunState.FINISHED, since, null, run.notifyNudges, now);
    switch (action) {
      case NUDGE -> {
        LOG.warnf(
            "run %s finished at %s and the notifier has not confirmed its notification:"
                + " RunFinished sent again (%d of %d)",
            run.id, run.lastActionAt, run.notifyNudges + 1, policy.maxNudges());
        metrics.counter(NUDGED, "state", RunState.FINISHED.name()).increment();
        runs.announceAgain(run, now);
      }
      case GIVE_UP -> {
        LOG.errorf(
            "run %s: the notifier never confirmed the owner's notification after %d tries;"
                + " given up",
            run.id, run.notifyNudges);
        metrics.counter(UNCONFIRMED).increment();
        // past the scan's limit: looked at no more
        run.notifyNudges++;
      }
      case WAIT -> {}
    }
    return action;
  }
}
