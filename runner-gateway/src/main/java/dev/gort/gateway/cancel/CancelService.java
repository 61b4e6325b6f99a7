package dev.gort.gateway.cancel;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.consumer.DependencyUnavailable;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbox.Outbox;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.attempt.AttemptOutcomes;
import dev.gort.gateway.halt.HaltReason;
import dev.gort.gateway.halt.Halts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Seed 000, "cancelled": the owner's cancel stops the run here. Nothing more is dispatched for it,
 * a job running at the runner is halted (by the halt queue, which then owes {@code RunCancelled}),
 * and a callback that still arrives is stored but no longer reported.
 *
 * <p>Locks: the run's clock row first, which serialises the cancel with the request that creates
 * attempt 1; then the latest attempt, without waiting. Every other writer holds the attempt and
 * then waits for the clock (its outbox stamp), so waiting for the attempt here could deadlock; an
 * attempt that is busy (a runner being called, a timeout being recorded) makes the cancel roll back
 * and be tried again a moment later.
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
  @Inject AttemptOutcomes outcomes;
  @Inject Halts halts;

  @Transactional
  public void onCancelRequested(Envelope event) {
    if (!(event.data() instanceof CancelRequested cancel)) {
      return;
    }
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    causalClock.receive(cancel.runId(), event.clock());
    Attempt latest = latestAttemptNoWait(cancel.runId());
    Instant now = clock.instant();
    if (!CancelledRun.record(em, cancel.runId(), cancel.reason(), now)) {
      LOG.infof("run %s: cancel requested again under event %s", cancel.runId(), event.id());
      return;
    }
    if (latest == null) {
      outbox.add(
          Topics.RUNS_STATUS,
          Envelope.causedBy(
              event,
              AttemptOutcomes.SOURCE,
              new RunCancelled(
                  cancel.runId(), 0, null, null, false, "not dispatched yet", RunHalt.NOT_NEEDED),
              now));
      LOG.infof("run %s cancelled before it reached the gateway", cancel.runId());
      return;
    }
    if (!latest.awaitsReport()) {
      outcomes.cancelReported(
          latest, RunHalt.NOT_NEEDED, "the runner had already finished (" + latest.state + ")");
      return;
    }
    boolean handedOver = latest.handovers > 0;
    boolean handingOver = latest.handoverUntil != null && latest.handoverUntil.isAfter(now);
    latest.cancelled();
    if (handingOver && latest.runnerJobId == null) {
      // the hand-over's record halts the job it starts, and that halt reports the cancel
      LOG.infof("run %s cancelled while being handed to %s", latest.runId, latest.runner);
    } else if (latest.runnerJobId == null) {
      // a job the runner accepts from a hand-over still under way is halted when it is recorded
      // (DispatchQueue)
      outcomes.cancelReported(
          latest,
          handedOver ? RunHalt.UNKNOWN : RunHalt.NOT_NEEDED,
          handedOver
              ? "cancelled before the runner confirmed a job; any job it started is halted"
              : "not dispatched yet");
    } else {
      halts.haltJobOf(latest, HaltReason.CANCELLED);
      LOG.infof(
          "run %s cancelled; halting job %s at %s",
          latest.runId, latest.runnerJobId, latest.runner);
    }
  }

  /**
   * The run's latest attempt, locked; null when it has none.
   *
   * @throws AttemptBusyException when another transaction holds it (the caller is retried)
   */
  private Attempt latestAttemptNoWait(String runId) {
    try {
      @SuppressWarnings("unchecked")
      List<Attempt> attempts =
          em.createNativeQuery(
                  "SELECT * FROM dispatch_attempt WHERE run_id = ?1"
                      + " ORDER BY attempt DESC LIMIT 1 FOR UPDATE NOWAIT",
                  Attempt.class)
              .setParameter(1, runId)
              .getResultList();
      return attempts.isEmpty() ? null : attempts.get(0);
    } catch (PessimisticLockException | LockTimeoutException e) {
      throw new AttemptBusyException(runId, e);
    }
  }

  /** The run's latest attempt is being worked on by another transaction; try the cancel again. */
  public static class AttemptBusyException extends RuntimeException
      implements DependencyUnavailable {
    AttemptBusyException(String runId, Throwable cause) {
      super("run " + runId + ": its latest attempt is busy; the cancel is tried again", cause);
    }
  }
}
