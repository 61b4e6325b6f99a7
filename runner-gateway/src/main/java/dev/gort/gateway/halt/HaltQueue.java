package dev.gort.gateway.halt;

import dev.gort.common.event.RunHalt;
import dev.gort.common.workqueue.Lease;
import dev.gort.common.workqueue.Result;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.attempt.AttemptOutcomes;
import dev.gort.gateway.attempt.AttemptState;
import dev.gort.gateway.config.GatewayConfig;
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
 * Halts jobs at their runners: the owner cancelled the run, its deadline passed, or the gateway did
 * not want the job. A runner that cannot be reached is tried again with back-off, up to {@code
 * gort.gateway.halt-max-tries}; then the halt is given up and recorded as such, so a cancel never
 * waits forever on a runner that is gone. When the halted job is a cancelled attempt's own, the
 * run's {@code RunCancelled} says whether the runner confirmed.
 */
@ApplicationScoped
public class HaltQueue implements WorkQueue.Steps<HaltQueue.Claim, String> {

  /** How long a halt may take before another loop may claim it again. */
  static final Duration HALT_CLAIM = Duration.ofSeconds(30);

  private static final Logger LOG = Logger.getLogger(HaltQueue.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject GatewayConfig config;
  @Inject AttemptOutcomes outcomes;
  @Inject RunnerRegistry runners;

  /** A halt taken: job {@code job} at {@code runner}, under {@code lease}. */
  public record Claim(String haltId, String runner, RunnerJob job, Lease lease) {}

  @Override
  @Transactional
  public Optional<Claim> claimNext() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<JobHalt> due =
        em.createNativeQuery(
                "SELECT * FROM job_halt WHERE halted_at IS NULL AND next_try_at <= ?1"
                    + " ORDER BY next_try_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                JobHalt.class)
            .setParameter(1, now)
            .getResultList();
    if (due.isEmpty()) {
      return Optional.empty();
    }
    JobHalt h = due.get(0);
    Lease lease = Lease.of(now, HALT_CLAIM);
    h.nextTryAt = lease.until();
    RunnerJob job =
        RunnerJob.of(h.jobId, h.kind, dev.gort.gateway.attempt.SettingsJson.read(h.settingsJson));
    return Optional.of(new Claim(h.id, h.runner, job, lease));
  }

  @Override
  public String call(Claim claim) {
    Runner runner =
        runners
            .find(claim.runner())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no runner registered with code '" + claim.runner() + "'"));
    return runner.cancel(claim.job());
  }

  /**
   * Records what the runner answered the halt, or why it could not be reached: a failed halt is
   * tried again with back-off, then given up. An answer that comes after its claim lapsed is
   * dropped.
   */
  @Override
  @Transactional
  public void record(Claim claim, Result<String> result) {
    JobHalt h = em.find(JobHalt.class, claim.haltId(), LockModeType.PESSIMISTIC_WRITE);
    if (h == null || h.haltedAt != null || !claim.lease().holds(h.nextTryAt)) {
      return;
    }
    if (result.succeeded()) {
      halted(h, true, result.answer());
      return;
    }
    h.tries++;
    if (h.tries >= config.haltMaxTries()) {
      halted(h, false, "halt given up after " + h.tries + " tries: " + result.why());
    } else {
      h.nextTryAt = Lease.of(clock.instant(), outcomes.backoffAfter(h.tries)).until();
      LOG.warnf(
          "halting job %s at %s failed (try %d): %s", h.jobId, h.runner, h.tries, result.why());
    }
  }

  private void halted(JobHalt h, boolean reached, String answer) {
    h.haltedAt = clock.instant();
    h.reached = reached;
    h.result = answer;
    Attempt a = em.find(Attempt.class, h.attemptId, LockModeType.PESSIMISTIC_WRITE);
    if (a != null
        && a.state == AttemptState.CANCELLED
        && h.jobId.equals(a.runnerJobId)
        && HaltReason.CANCELLED.word().equals(h.why)) {
      outcomes.cancelReported(a, reached ? RunHalt.CONFIRMED : RunHalt.GAVE_UP, answer);
    } else {
      LOG.infof("job %s at %s halted (%s): %s", h.jobId, h.runner, h.why, answer);
    }
  }
}
