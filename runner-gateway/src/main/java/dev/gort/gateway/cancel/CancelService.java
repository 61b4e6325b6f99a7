package dev.gort.gateway.cancel;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbox.Outbox;
import dev.gort.gateway.dispatch.Attempt;
import dev.gort.gateway.dispatch.AttemptState;
import dev.gort.gateway.dispatch.DispatchService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Seed 000, "cancelled": the owner's cancel stops the run here. Nothing more is dispatched for it,
 * a job running at the runner is halted (by {@link RunnerHalter}, which then owes {@code
 * RunCancelled}), and a callback that still arrives is stored but no longer reported.
 */
@ApplicationScoped
public class CancelService {

  static final String CONSUMER = "runner-gateway.cancels";
  private static final Logger LOG = Logger.getLogger(CancelService.class);

  @Inject Inbox inbox;
  @Inject CausalClock causalClock;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject EntityManager em;
  @Inject DispatchService dispatch;

  @Transactional
  public void onCancelRequested(Envelope event) {
    if (!(event.data() instanceof CancelRequested cancel)) {
      return;
    }
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    causalClock.receive(cancel.runId(), event.clock());
    Instant now = clock.instant();
    if (!CancelledRun.record(em, cancel.runId(), cancel.reason(), now)) {
      LOG.infof("run %s: cancel requested again under event %s", cancel.runId(), event.id());
      return;
    }
    Attempt latest = latestAttempt(cancel.runId());
    if (latest == null) {
      outbox.add(
          Topics.RUNS_STATUS,
          Envelope.causedBy(
              event,
              DispatchService.SOURCE,
              new RunCancelled(cancel.runId(), 0, null, null, false, "not dispatched yet"),
              now));
      LOG.infof("run %s cancelled before it reached the gateway", cancel.runId());
      return;
    }
    if (!latest.state.awaitsCallback()) {
      reportCancelled(latest, false, "the runner had already finished (" + latest.state + ")");
      return;
    }
    latest.state = AttemptState.CANCELLED;
    if (latest.runnerJobId == null) {
      reportCancelled(latest, false, "not dispatched yet");
    } else {
      latest.requestHalt(now);
      LOG.infof(
          "run %s cancelled; halting job %s at %s",
          latest.runId, latest.runnerJobId, latest.runner);
    }
  }

  /** Owes {@code RunCancelled} for the attempt the owner's cancel stopped. */
  void reportCancelled(Attempt a, boolean haltedAtRunner, String detail) {
    outbox.add(
        Topics.RUNS_STATUS,
        dispatch.causedByRequest(
            a,
            new RunCancelled(a.runId, a.attempt, a.runner, a.runnerJobId, haltedAtRunner, detail)));
    LOG.infof("run %s attempt %d cancelled: %s", a.runId, a.attempt, detail);
  }

  private Attempt latestAttempt(String runId) {
    List<Attempt> attempts =
        em.createQuery("FROM Attempt WHERE runId = ?1 ORDER BY attempt DESC", Attempt.class)
            .setParameter(1, runId)
            .setMaxResults(1)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    return attempts.isEmpty() ? null : attempts.get(0);
  }
}
