package dev.gort.gateway.cancel;

import dev.gort.common.time.StoredTime;
import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.dispatch.Attempt;
import dev.gort.gateway.dispatch.AttemptState;
import dev.gort.gateway.dispatch.DispatchService;
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
 * The jobs waiting to be halted at their runners, and what came of each halt. A halt is claimed in
 * one short transaction and recorded in another, so no attempt stays locked while a runner that may
 * not answer is called.
 */
@ApplicationScoped
public class HaltQueue {

  /** How long a halt may take before another loop may claim the attempt again. */
  static final Duration HALT_CLAIM = Duration.ofSeconds(30);

  private static final Logger LOG = Logger.getLogger(HaltQueue.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject GatewayConfig config;
  @Inject DispatchService dispatch;
  @Inject CancelService cancels;

  /**
   * A halt taken: job {@code runnerJobId} at {@code runner}, claimed until {@code claimedUntil}.
   */
  public record Claim(
      String attemptId,
      String runner,
      dev.gort.gateway.runner.RunnerJob job,
      Instant claimedUntil) {}

  /**
   * Claims the job waiting longest to be halted; replicas and other loops skip it until the claim
   * lapses, so a gateway that dies mid-halt delays the halt but never loses it.
   */
  @Transactional
  public Optional<Claim> claimNextDue() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Attempt> due =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE halt_requested_at IS NOT NULL"
                    + " AND halted_at IS NULL AND halt_next_try_at <= ?1"
                    + " ORDER BY halt_next_try_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .setParameter(1, now)
            .getResultList();
    if (due.isEmpty()) {
      return Optional.empty();
    }
    Attempt a = due.get(0);
    a.haltNextTryAt = StoredTime.of(now.plus(HALT_CLAIM));
    return Optional.of(new Claim(a.id, a.runner, a.runnerJob(), a.haltNextTryAt));
  }

  /**
   * Records what the runner answered the halt ({@code answer}), or why it could not be reached
   * ({@code failure}): a failed halt is tried again with back-off, up to {@code
   * gort.gateway.halt-max-tries}, then given up and recorded as such. An answer that comes after
   * its claim lapsed is dropped.
   */
  @Transactional
  public void record(Claim claim, String answer, String failure) {
    Attempt a = Attempt.findById(claim.attemptId(), LockModeType.PESSIMISTIC_WRITE);
    if (a == null || a.haltedAt != null || !claim.claimedUntil().equals(a.haltNextTryAt)) {
      return;
    }
    if (failure == null) {
      halted(a, true, answer);
      return;
    }
    a.haltTries++;
    if (a.haltTries >= config.haltMaxTries()) {
      halted(a, false, "halt given up after " + a.haltTries + " tries: " + failure);
    } else {
      a.haltNextTryAt = StoredTime.of(clock.instant().plus(dispatch.backoffAfter(a.haltTries)));
      LOG.warnf(
          "run %s: halting job %s at %s failed (try %d): %s",
          a.runId, a.runnerJobId, a.runner, a.haltTries, failure);
    }
  }

  private void halted(Attempt a, boolean reached, String answer) {
    a.haltedAt = clock.instant();
    a.haltResult = answer;
    if (a.state == AttemptState.CANCELLED) {
      cancels.reportCancelled(a, reached, answer);
    } else {
      LOG.infof("run %s attempt %d: job %s halted: %s", a.runId, a.attempt, a.runnerJobId, answer);
    }
  }
}
