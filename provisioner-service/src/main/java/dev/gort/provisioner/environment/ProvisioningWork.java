package dev.gort.provisioner.environment;

import dev.gort.common.retry.Backoff;
import dev.gort.common.web.Untrusted;
import dev.gort.common.workqueue.Lease;
import dev.gort.common.workqueue.Result;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs environments one step at a time, durably: <b>claim</b> the most overdue environment that has
 * work (leasing it, so replicas and the other loops skip it), <b>call</b> its current step outside
 * any transaction, <b>record</b> what the step found and where the environment goes next in one
 * transaction with its status event. A wait (a lease activating, a server building) is a step that
 * asks to be looked at again later, so no thread sleeps on the cloud. A process that dies mid-step
 * leaves the environment at that step, taken up again once the lease lapses: a restart resumes
 * every environment where it was.
 */
@ApplicationScoped
public class ProvisioningWork implements WorkQueue.Steps<ProvisioningWork.Claim, StepOutcome> {

  private static final Logger LOG = Logger.getLogger(ProvisioningWork.class);
  private static final int FOUND_CHARS = 2000;

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject ProvisionerConfig config;
  @Inject ProvisioningSteps steps;
  @Inject StatusEvents status;
  @Inject StepRecords stepRecords;

  /** An environment taken to run one step: a detached copy, and the lease it is held under. */
  public record Claim(Environment environment, String step, Lease lease) {}

  @Override
  @Transactional
  public Optional<Claim> claimNext() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Environment> due =
        em.createNativeQuery(
                "SELECT * FROM environment WHERE state IN ('REQUESTED', 'PROVISIONING',"
                    + " 'TEARING_DOWN', 'DELETING') AND next_at <= ?1 AND (leased_until IS NULL OR"
                    + " leased_until <= ?1) ORDER BY next_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                Environment.class)
            .setParameter(1, now)
            .getResultList();
    if (due.isEmpty()) {
      return Optional.empty();
    }
    Environment env = due.get(0);
    if (env.state == EnvironmentState.REQUESTED) {
      env.state =
          EnvironmentLifecycle.MACHINE.next(
              env.state, EnvironmentTrigger.START, new EnvironmentLifecycle.Context(null));
      status.changed(env);
    }
    Lease lease = Lease.of(now, config.workLease());
    env.leasedUntil = lease.until();
    if (env.state == EnvironmentState.PROVISIONING) {
      stepRecords.started(env.id, env.step, now);
    }
    em.flush();
    em.detach(env);
    return Optional.of(new Claim(env, env.step, lease));
  }

  @Override
  public StepOutcome call(Claim claim) {
    Environment env = claim.environment();
    if (env.state.isTearingDown()) {
      return steps.teardown(env);
    }
    Step step =
        Step.of(claim.step())
            .orElseThrow(() -> new IllegalStateException("no step " + claim.step()));
    return steps.run(step, env);
  }

  /**
   * Records what the step found under the claim's lease. Whatever the step created is recorded even
   * when the environment was cancelled meanwhile (its teardown must find it); the step only moves
   * on when the environment is still where the claim found it.
   */
  @Override
  @Transactional
  public void record(Claim claim, Result<StepOutcome> result) {
    Environment env =
        em.find(Environment.class, claim.environment().id, LockModeType.PESSIMISTIC_WRITE);
    if (env == null || !claim.lease().holds(env.leasedUntil)) {
      return;
    }
    Instant now = clock.instant();
    boolean sameStep = env.step.equals(claim.step()) && env.state == claim.environment().state;
    Instant teardownSince = env.waitingSince;
    EnvironmentFacts.copy(claim.environment(), env);
    env.leasedUntil = null;
    StepOutcome outcome =
        result.succeeded() ? result.answer() : new StepOutcome.Retry(result.why());
    if (!sameStep || env.state.isFinal()) {
      // cancelled (or deleted, or failed by the reconciler) while the step ran: what it made is
      // recorded above, and the teardown, whose clock started then, takes over now
      env.waitingSince = teardownSince;
      env.nextAt = now;
      env.updatedAt = now;
      return;
    }
    if (env.state.isTearingDown()) {
      recordTeardown(env, outcome, now);
    } else {
      recordStep(env, outcome, now);
    }
  }

  private void recordStep(Environment env, StepOutcome outcome, Instant now) {
    String found = Untrusted.escape(outcome.found(), FOUND_CHARS);
    if (outcome instanceof StepOutcome.Done) {
      stepRecords.ended(env.id, env.step, StepRecord.Status.DONE, found, now);
      env.stepTries = 0;
      env.waitingSince = null;
      Optional<Step> next = Step.of(env.step).flatMap(Step::next);
      if (next.isPresent()) {
        env.step = next.get().code();
        env.nextAt = now;
      } else {
        env.state =
            EnvironmentLifecycle.MACHINE.next(
                env.state, EnvironmentTrigger.PROVISIONED, new EnvironmentLifecycle.Context(null));
        env.step = Step.DONE;
        LOG.infof("environment %s ready: %s", env.id, Untrusted.forLog(env.sshConnection()));
      }
      status.changed(env);
    } else if (outcome instanceof StepOutcome.Wait wait) {
      stepRecords.progress(env.id, env.step, found);
      env.stepTries = 0;
      env.nextAt = now.plus(wait.after());
      env.updatedAt = now;
    } else if (outcome instanceof StepOutcome.Retry) {
      env.stepTries++;
      if (env.stepTries >= config.stepMaxTries()) {
        fail(env, env.step + " failed " + env.stepTries + " times: " + found, now);
      } else {
        env.nextAt = now.plus(backoff().after(env.stepTries));
        env.updatedAt = now;
        LOG.warnf(
            "environment %s: step %s, try %d failed: %s",
            env.id, env.step, env.stepTries, Untrusted.forLog(found));
      }
    } else {
      fail(env, found, now);
    }
  }

  /** A step failed for good: the step and the rest are marked, and the teardown starts. */
  void fail(Environment env, String reason, Instant now) {
    stepRecords.ended(env.id, env.step, StepRecord.Status.FAILED, reason, now);
    stepRecords.skipRest(env.id);
    env.failure = reason;
    EnvironmentLifecycle.stop(env, EnvironmentTrigger.FAIL, now);
    LOG.warnf("environment %s failed: %s", env.id, Untrusted.forLog(reason));
    status.changed(env);
  }

  private void recordTeardown(Environment env, StepOutcome outcome, Instant now) {
    if (outcome instanceof StepOutcome.Done done) {
      env.state =
          EnvironmentLifecycle.MACHINE.next(
              env.state,
              EnvironmentTrigger.CLEANED,
              new EnvironmentLifecycle.Context(env.teardownEnd));
      env.step = Step.DONE;
      env.finishedAt = now;
      env.stepTries = 0;
      // a private key not downloaded by now is of no use: its key pair is gone
      env.privateKeySealed = null;
      LOG.infof("environment %s %s: %s", env.id, env.state, Untrusted.forLog(done.found()));
      status.changed(env);
    } else if (outcome instanceof StepOutcome.Wait wait) {
      env.nextAt = now.plus(wait.after());
      env.updatedAt = now;
    } else {
      retryTeardown(env, outcome.found(), now);
    }
  }

  // a teardown is never given up: what it leaves would leak; it backs off, and warns
  private void retryTeardown(Environment env, String why, Instant now) {
    env.stepTries++;
    env.nextAt = now.plus(backoff().after(env.stepTries));
    env.updatedAt = now;
    LOG.warnf(
        "environment %s: teardown try %d failed: %s", env.id, env.stepTries, Untrusted.forLog(why));
  }

  private Backoff backoff() {
    return new Backoff(config.firstBackoff(), config.maxBackoff());
  }
}
