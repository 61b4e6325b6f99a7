package dev.gort.gateway.dispatch;

import dev.gort.common.event.RunHalt;
import dev.gort.common.workqueue.Lease;
import dev.gort.common.workqueue.Result;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.attempt.AttemptOutcomes;
import dev.gort.gateway.attempt.AttemptState;
import dev.gort.gateway.attempt.CallbackToken;
import dev.gort.gateway.attempt.SettingsJson;
import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.halt.HaltReason;
import dev.gort.gateway.halt.Halts;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.JobIds;
import dev.gort.gateway.runner.JobRejectedException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerRateLimitedException;
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
 * Hands due attempts to their runners: claims the most overdue pending attempt (leasing it), calls
 * the runner outside any transaction, and records the job id and {@code RunDispatched} under the
 * claim. What can happen between the call and the record is reconciled there: a run cancelled or
 * timed out meanwhile, or an attempt that already has another job, gets the new job halted; a
 * gateway that died mid-call leaves the attempt to be handed over again once the lease lapses,
 * marked so that the runner can answer with the job it already started.
 */
@ApplicationScoped
public class DispatchQueue implements WorkQueue.Steps<DispatchQueue.HandOver, String> {

  /** How long a hand-over may take before another loop may claim the attempt again. */
  static final Duration DISPATCH_CLAIM = Duration.ofSeconds(30);

  private static final Logger LOG = Logger.getLogger(DispatchQueue.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject GatewayConfig config;
  @Inject RunnerRegistry runners;
  @Inject AttemptOutcomes outcomes;
  @Inject Halts halts;

  /**
   * An attempt taken to hand to {@code runner} with {@code request}, under {@code lease}; {@code
   * request} is null when the claim settled the attempt without a call (no usable runner).
   */
  public record HandOver(String attemptId, Runner runner, DispatchRequest request, Lease lease) {}

  @Override
  @Transactional
  public Optional<HandOver> claimNext() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Attempt> due =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE state = 'PENDING' AND next_try_at <= ?1"
                    + " ORDER BY next_try_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .setParameter(1, now)
            .getResultList();
    if (due.isEmpty()) {
      return settleAbandonedCancel(now)
          ? Optional.of(new HandOver(null, null, null, null))
          : Optional.empty();
    }
    Attempt a = due.get(0);
    Optional<String> unusable = unusable(a);
    if (unusable.isPresent()) {
      outcomes.rejected(a, unusable.get());
      return Optional.of(new HandOver(a.id, null, null, null));
    }
    Runner runner = runners.find(a.runner).orElseThrow();
    RunKind kind = RunKind.fromWord(a.kind).orElseThrow();
    try {
      // checked again here, with the runner's defaults of now: a run requested without checked
      // settings (a scheduled run) gets them, and cancels and status polls see what was sent
      a.settingsJson = SettingsJson.write(runner.checkSettings(kind, a.settings()));
    } catch (InvalidSettingsException e) {
      outcomes.rejected(a, "invalid " + a.runner + " settings: " + e.getMessage());
      return Optional.of(new HandOver(a.id, null, null, null));
    }
    Lease lease = Lease.of(now, DISPATCH_CLAIM);
    a.nextTryAt = lease.until();
    a.handoverUntil = lease.until();
    boolean handedOverBefore = a.handovers > 0;
    a.handovers++;
    String callbackUrl = null;
    if (runner.callbackStyle() == CallbackStyle.PER_JOB) {
      // a new token for every hand-over, each kept (as its hash): a runner that answers with the
      // job of an earlier hand-over reports with that one's URL
      String token = CallbackToken.generate();
      a.callbackTokenSha256 = CallbackToken.hash(token);
      CallbackToken.remember(em, a.id, a.callbackTokenSha256, now);
      callbackUrl = callbackUrl(a, token);
    }
    DispatchRequest request =
        new DispatchRequest(
            a.id,
            a.runId,
            a.attempt,
            a.experiment,
            a.revision,
            kind,
            callbackUrl,
            a.settings(),
            handedOverBefore);
    return Optional.of(new HandOver(a.id, runner, request, lease));
  }

  @Override
  public String call(HandOver handOver) {
    if (handOver.request() == null) {
      return null;
    }
    String jobId = handOver.runner().dispatch(handOver.request());
    if (!JobIds.valid(jobId)) {
      throw new IllegalStateException(
          "runner " + handOver.runner().code() + " answered without a usable job id");
    }
    return jobId;
  }

  @Override
  @Transactional
  public void record(HandOver handOver, Result<String> result) {
    if (handOver.request() == null) {
      return;
    }
    Attempt a = em.find(Attempt.class, handOver.attemptId(), LockModeType.PESSIMISTIC_WRITE);
    if (a == null) {
      return;
    }
    boolean leaseHolds = handOver.lease().holds(a.handoverUntil);
    if (leaseHolds) {
      a.handoverUntil = null;
    }
    if (a.state == AttemptState.CANCELLED && a.runnerJobId == null && leaseHolds) {
      // the run was cancelled while this hand-over was under way: it waited for this record
      if (result.succeeded()) {
        a.tookJobAfterCancel(result.answer());
        halts.haltJobOf(a, HaltReason.CANCELLED);
      } else {
        outcomes.cancelReported(a, RunHalt.NOT_NEEDED, "not dispatched: " + result.why());
      }
    } else if (result.succeeded()) {
      recordJob(a, result.answer());
    } else if (a.state == AttemptState.PENDING && leaseHolds) {
      recordFailure(a, result.failure(), result.why());
    }
  }

  /**
   * Reports the cancel of a run whose hand-over never recorded what came of it (the gateway died
   * mid-call): the runner may have a job nobody knows of.
   */
  private boolean settleAbandonedCancel(Instant now) {
    @SuppressWarnings("unchecked")
    List<Attempt> abandoned =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE state = 'CANCELLED'"
                    + " AND handover_until <= ?1 LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .setParameter(1, now)
            .getResultList();
    if (abandoned.isEmpty()) {
      return false;
    }
    Attempt a = abandoned.get(0);
    a.handoverUntil = null;
    outcomes.cancelReported(
        a,
        RunHalt.UNKNOWN,
        "cancelled while being handed to the runner; what the runner did with it is not known");
    return true;
  }

  /**
   * The runner started job {@code jobId} for {@code a}. A pending attempt takes it, even after its
   * lease lapsed: the job is real, and another hand-over that is still under way is reconciled by
   * its own record. Any other job is halted.
   */
  private void recordJob(Attempt a, String jobId) {
    if (a.state == AttemptState.PENDING) {
      outcomes.handedOver(a, jobId);
    } else if (!jobId.equals(a.runnerJobId)) {
      halts.halt(a, jobId, HaltReason.UNWANTED);
    } else if (a.state == AttemptState.CANCELLED) {
      // a callback recorded the job before this record, and the cancel came after it
      halts.halt(a, jobId, HaltReason.CANCELLED);
    }
  }

  private void recordFailure(Attempt a, RuntimeException failure, String why) {
    if (failure instanceof JobRejectedException) {
      outcomes.rejected(a, "runner " + a.runner + " refused the job: " + why);
      return;
    }
    if (failure instanceof RunnerRateLimitedException limited) {
      // waiting for a rate limit is not a failed try
      a.nextTryAt = limited.retryAt();
      a.lastError = why;
      LOG.infof(
          "run %s attempt %d: runner %s asks to wait until %s: %s",
          a.runId, a.attempt, a.runner, limited.retryAt(), why);
      return;
    }
    a.tries++;
    Duration backoff = outcomes.backoffAfter(a.tries);
    a.nextTryAt = clock.instant().plus(backoff);
    if (a.lastError == null || !a.lastError.equals(why)) {
      LOG.warnf(
          "run %s attempt %d not dispatched (try %d, next in %d ms): %s",
          a.runId, a.attempt, a.tries, backoff.toMillis(), why);
    }
    a.lastError = why;
  }

  /**
   * Why no runner can take {@code a}: none has its code, it is not configured, or lacks the kind.
   */
  private Optional<String> unusable(Attempt a) {
    Optional<Runner> runner = runners.find(a.runner);
    if (runner.isEmpty()) {
      return Optional.of("no runner registered with code '" + a.runner + "'");
    }
    Optional<String> unconfigured = runner.get().unconfiguredReason();
    if (unconfigured.isPresent()) {
      return Optional.of("runner " + a.runner + " is not configured: " + unconfigured.get());
    }
    Optional<RunKind> kind = RunKind.fromWord(a.kind);
    if (kind.isEmpty() || !runner.get().kinds().contains(kind.get())) {
      return Optional.of("runner " + a.runner + " cannot run a '" + a.kind + "'");
    }
    return Optional.empty();
  }

  private String callbackUrl(Attempt a, String token) {
    return config.publicUrl()
        + "/api/v1/callbacks/"
        + a.runner
        + "/"
        + a.kind
        + "?attempt="
        + a.id
        + "&token="
        + token;
  }
}
