package dev.gort.gateway.dispatch;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.inbox.Inbox;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.attempt.AttemptOutcomes;
import dev.gort.gateway.cancel.CancelledRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** Turns requested runs into their first attempt, due at once. */
@ApplicationScoped
public class RequestIntake {

  static final String CONSUMER = "runner-gateway.requests";
  private static final Logger LOG = Logger.getLogger(RequestIntake.class);

  @Inject Inbox inbox;
  @Inject CausalClock causalClock;
  @Inject Clock clock;
  @Inject EntityManager em;
  @Inject AttemptOutcomes outcomes;

  /**
   * Records attempt 1 of a requested run, once however often the request is delivered; a run the
   * owner already cancelled is not dispatched. A run requested again (the scheduler's stall
   * detector asks when it misses an event) is not dispatched twice: the gateway publishes its
   * latest events about the run again instead.
   */
  @Transactional
  public void accept(Envelope event) {
    if (!(event.data() instanceof RunRequested requested)) {
      return;
    }
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    // the attempt before the run's clock: the order every writer of a run takes them in
    @SuppressWarnings("unchecked")
    List<Attempt> latest =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE run_id = ?1 ORDER BY attempt DESC LIMIT 1"
                    + " FOR UPDATE",
                Attempt.class)
            .setParameter(1, requested.runId())
            .getResultList();
    causalClock.receive(requested.runId(), event.clock());
    if (!latest.isEmpty()) {
      outcomes.republish(latest.get(0));
      return;
    }
    if (CancelledRun.isCancelled(em, requested.runId())) {
      LOG.infof(
          "run %s was cancelled before its request arrived; not dispatched", requested.runId());
      return;
    }
    Instant now = clock.instant();
    Attempt.first(requested, event.traceparent(), now, outcomes.deadlineFrom(now)).persist();
  }
}
