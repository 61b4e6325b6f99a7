package dev.gort.gateway.dispatch;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.GortEvent;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.retry.Backoff;
import dev.gort.common.time.StoredTime;
import dev.gort.gateway.cancel.CancelledRun;
import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.JobRejectedException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerRateLimitedException;
import dev.gort.gateway.runner.RunnerRegistry;
import dev.gort.gateway.runner.RunnerUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

/** Turns requested runs into attempts and hands due attempts to their runners. */
@ApplicationScoped
public class DispatchService {

  public static final String SOURCE = "/gort/runner-gateway";
  static final String CONSUMER = "runner-gateway.requests";
  private static final Logger LOG = Logger.getLogger(DispatchService.class);

  @Inject Inbox inbox;
  @Inject CausalClock causalClock;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject EntityManager em;
  @Inject RunnerRegistry runners;
  @Inject GatewayConfig config;

  /**
   * Records attempt 1 of a requested run, once however often the request is delivered; a run the
   * owner already cancelled is not dispatched. A run requested again (the scheduler's stall
   * detector asks when it misses an event) is not dispatched twice: the gateway publishes its
   * latest events about the run again instead ({@link #republish}).
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
      republish(latest.get(0));
      return;
    }
    if (CancelledRun.isCancelled(em, requested.runId())) {
      LOG.infof(
          "run %s was cancelled before its request arrived; not dispatched", requested.runId());
      return;
    }
    Instant now = clock.instant();
    Attempt.first(requested, event.traceparent(), now, deadlineFrom(now)).persist();
  }

  /**
   * Hands the most overdue pending attempt to its runner; the runner's job id, the deadline and
   * {@code RunDispatched} commit together. A runner that cannot take the job now is tried again
   * with back-off. The row stays locked while the runner is called, so replicas never send it
   * twice.
   *
   * @return whether there was an attempt to dispatch
   */
  @Transactional
  public boolean dispatchNextDue() {
    @SuppressWarnings("unchecked")
    List<Attempt> due =
        em.createNativeQuery(
                "SELECT * FROM dispatch_attempt WHERE state = 'PENDING' AND next_try_at <= now()"
                    + " ORDER BY next_try_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                Attempt.class)
            .getResultList();
    if (due.isEmpty()) {
      return false;
    }
    Attempt a = due.get(0);
    Optional<Runner> runner = runners.find(a.runner);
    if (runner.isEmpty()) {
      retryLater(a, "no runner registered with code '" + a.runner + "'");
      return true;
    }
    // a new token for every hand-over: a job from an earlier try that failed cannot report
    String token = CallbackToken.generate();
    a.callbackTokenSha256 = CallbackToken.hash(token);
    try {
      String jobId = runner.get().dispatch(requestFor(a, runner.get(), token));
      markDispatched(a, jobId);
    } catch (RunnerRateLimitedException e) {
      a.nextTryAt = e.retryAt();
      a.lastError = e.getMessage();
    } catch (RunnerUnavailableException | FaultToleranceException | JobRejectedException e) {
      // a timeout or an open circuit leaves the runner's answer unknown: tried again with back-off
      retryLater(a, e.getMessage());
    }
    return true;
  }

  /**
   * Publishes again what the gateway last said about the run of attempt {@code a}, its latest: the
   * dispatch, and the callback or the final timeout if there was one. A pending attempt has nothing
   * to say yet (its dispatch or its deadline will); a cancelled one was settled by the scheduler
   * itself. The caller holds the row.
   */
  void republish(Attempt a) {
    LOG.infof(
        "run %s requested again: attempt %d is %s; its events are published again",
        a.runId, a.attempt, a.state);
    if (a.state == AttemptState.PENDING || a.state == AttemptState.CANCELLED) {
      return;
    }
    if (a.runnerJobId != null) {
      outbox.add(Topics.RUNS_STATUS, causedByRequest(a, a.dispatched()));
    }
    if (a.state == AttemptState.CALLED_BACK) {
      Object[] callback =
          (Object[])
              em.createNativeQuery(
                      "SELECT status, results_url FROM runner_callback WHERE attempt_id = ?1")
                  .setParameter(1, a.id)
                  .getSingleResult();
      outbox.add(
          Topics.RUNS_STATUS,
          causedByRequest(
              a, a.completed(RunnerStatus.valueOf((String) callback[0]), (String) callback[1])));
    } else if (a.state == AttemptState.TIMED_OUT) {
      // the latest attempt timed out, so no attempt was left after it
      outbox.add(
          Topics.RUNS_STATUS,
          causedByRequest(
              a, new RunTimedOut(a.runId, a.attempt, a.runner, a.runnerJobId, a.lastError, false)));
      outbox.add(Topics.RUNS_STATUS, causedByRequest(a, a.completed(RunnerStatus.TIMEOUT, null)));
    }
  }

  /** Marks {@code a} dispatched and owes {@code RunDispatched}; the caller holds the row. */
  public void markDispatched(Attempt a, String jobId) {
    Instant now = clock.instant();
    a.state = AttemptState.DISPATCHED;
    a.runnerJobId = jobId;
    a.dispatchedAt = now;
    a.deadline = deadlineFrom(now);
    a.lastError = null;
    outbox.add(Topics.RUNS_STATUS, causedByRequest(a, a.dispatched()));
    LOG.infof("run %s attempt %d dispatched to %s as job %s", a.runId, a.attempt, a.runner, jobId);
  }

  /** An event about {@code a}'s run, in the trace of the request that started it. */
  public Envelope causedByRequest(Attempt a, GortEvent data) {
    return Envelope.inTrace(a.traceparent, SOURCE, data, clock.instant());
  }

  /** When an attempt created or dispatched at {@code now} is overdue. */
  public Instant deadlineFrom(Instant now) {
    // as stored: RunDispatched says the deadline a later read of the attempt says
    return StoredTime.of(now.plus(config.dispatchDeadline()));
  }

  /** How long to wait after the {@code tries}-th failure to reach a runner. */
  public Duration backoffAfter(int tries) {
    return new Backoff(Duration.ofSeconds(1), config.dispatchMaxBackoff()).after(tries);
  }

  private void retryLater(Attempt a, String why) {
    a.tries++;
    long backoffMillis = backoffAfter(a.tries).toMillis();
    a.nextTryAt = clock.instant().plusMillis(backoffMillis);
    if (a.lastError == null || !a.lastError.equals(why)) {
      LOG.warnf(
          "run %s attempt %d not dispatched (try %d, next in %d ms): %s",
          a.runId, a.attempt, a.tries, backoffMillis, why);
    }
    a.lastError = why;
  }

  private DispatchRequest requestFor(Attempt a, Runner runner, String token) {
    if (runner.callbackStyle() == CallbackStyle.PER_RUNNER) {
      return new DispatchRequest(
          a.id,
          a.runId,
          a.attempt,
          a.experiment,
          a.revision,
          kindOf(a),
          null,
          a.settings(),
          a.tries > 0);
    }
    String callbackUrl =
        config.publicUrl()
            + "/api/v1/callbacks/"
            + a.runner
            + "/"
            + a.kind
            + "?attempt="
            + a.id
            + "&token="
            + token;
    return new DispatchRequest(
        a.id,
        a.runId,
        a.attempt,
        a.experiment,
        a.revision,
        kindOf(a),
        callbackUrl,
        a.settings(),
        a.tries > 0);
  }

  private static RunKind kindOf(Attempt a) {
    return RunKind.fromWord(a.kind).orElse(RunKind.TEST);
  }
}
