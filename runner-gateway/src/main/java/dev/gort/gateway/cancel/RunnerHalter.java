package dev.gort.gateway.cancel;

import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.dispatch.Attempt;
import dev.gort.gateway.dispatch.AttemptState;
import dev.gort.gateway.dispatch.DispatchService;
import dev.gort.gateway.runner.RunnerClient;
import dev.gort.gateway.runner.RunnerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Halts jobs at their runners: those the owner cancelled and those that passed their deadline. A
 * runner that cannot be reached is tried again with back-off, up to {@code
 * gort.gateway.halt-max-tries}; then the halt is given up and recorded as such, so a cancel never
 * waits forever on a runner that is gone.
 */
@ApplicationScoped
public class RunnerHalter {

  private static final Logger LOG = Logger.getLogger(RunnerHalter.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject RunnerRegistry runners;
  @Inject GatewayConfig config;
  @Inject DispatchService dispatch;
  @Inject CancelService cancels;

  /**
   * Halts the job waiting longest for it; the row stays locked meanwhile so replicas never send the
   * same halt twice.
   *
   * @return whether there was one
   */
  @Transactional
  public boolean haltNextDue() {
    @SuppressWarnings("unchecked")
    List<Attempt> due =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE halt_requested_at IS NOT NULL"
                    + " AND halted_at IS NULL AND halt_next_try_at <= ?1"
                    + " ORDER BY halt_next_try_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .setParameter(1, clock.instant())
            .getResultList();
    if (due.isEmpty()) {
      return false;
    }
    Attempt a = due.get(0);
    Optional<RunnerClient> runner = runners.find(a.runner);
    try {
      String answer =
          runner
              .orElseThrow(() -> new IllegalStateException("no runner '" + a.runner + "'"))
              .cancel(a.runnerJobId);
      halted(a, true, answer);
    } catch (RuntimeException e) {
      a.haltTries++;
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      if (a.haltTries >= config.haltMaxTries()) {
        halted(a, false, "halt given up after " + a.haltTries + " tries: " + why);
      } else {
        a.haltNextTryAt = clock.instant().plus(dispatch.backoffAfter(a.haltTries));
        LOG.warnf(
            "run %s: halting job %s at %s failed (try %d): %s",
            a.runId, a.runnerJobId, a.runner, a.haltTries, why);
      }
    }
    return true;
  }

  private void halted(Attempt a, boolean reached, String answer) {
    Instant now = clock.instant();
    a.haltedAt = now;
    a.haltResult = answer;
    if (a.state == AttemptState.CANCELLED) {
      cancels.reportCancelled(a, reached, answer);
    } else {
      LOG.infof("run %s attempt %d: job %s halted: %s", a.runId, a.attempt, a.runnerJobId, answer);
    }
  }
}
