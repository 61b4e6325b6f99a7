package dev.gort.gateway.callback;

import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.web.ProblemException;
import dev.gort.gateway.dispatch.Attempt;
import dev.gort.gateway.dispatch.AttemptState;
import dev.gort.gateway.dispatch.AttemptTimeouts;
import dev.gort.gateway.dispatch.CallbackToken;
import dev.gort.gateway.dispatch.DispatchService;
import dev.gort.gateway.runner.RunnerReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Stores a runner's report once per attempt and owes {@code RunCompleted} for it. */
@ApplicationScoped
public class CallbackService {

  private static final Logger LOG = Logger.getLogger(CallbackService.class);

  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject DispatchService dispatch;
  @Inject AttemptTimeouts timeouts;

  /**
   * The result of recording one delivery: {@code ignored} says why a first delivery changes nothing
   * (the attempt timed out or was cancelled before it arrived).
   */
  public record Receipt(String attemptId, boolean duplicate, String ignored) {

    static Receipt accepted(String attemptId) {
      return new Receipt(attemptId, false, null);
    }

    /** A delivery the runner says is none of Gort's business. */
    static Receipt ignored(String why) {
      return new Receipt(null, false, why);
    }
  }

  /** One verified delivery to the callback URL of attempt {@code attemptId}. */
  public record Delivery(
      String attemptId,
      String token,
      String runner,
      String kind,
      RunnerReport report,
      String body) {}

  /**
   * Records a verified callback. The first delivery stores the raw result and emits {@code
   * RunCompleted} (or, for a reported timeout, retries or ends the run as timed out); later
   * deliveries only count. A callback for an attempt that already timed out or was cancelled is
   * stored but reported nowhere: a newer attempt, or the cancel, decides the run.
   *
   * @throws UnknownCallback when there is no such attempt, or its token is not the URL's
   * @throws CallbackMismatch when the callback describes another job than the attempt's
   */
  @Transactional
  public Receipt record(Delivery delivery) {
    // Locked: a dispatch still committing this attempt finishes first.
    Attempt a = em.find(Attempt.class, delivery.attemptId(), LockModeType.PESSIMISTIC_WRITE);
    if (a == null || !CallbackToken.matches(delivery.token(), a.callbackTokenSha256)) {
      throw new UnknownCallback();
    }
    List<String> mismatches = mismatches(a, delivery);
    if (!mismatches.isEmpty()) {
      LOG.warnf(
          "callback for run %s attempt %d refused: it does not match the attempt in %s",
          a.runId, a.attempt, mismatches);
      throw new CallbackMismatch(mismatches);
    }
    RunnerReport callback = delivery.report();
    RunnerStatus status = callback.outcome();
    String attemptId = a.id;
    String runner = a.runner;
    String body = delivery.body();
    Instant now = clock.instant();
    boolean first =
        (Boolean)
            em.createNativeQuery(
                    "INSERT INTO runner_callback"
                        + " (attempt_id, runner, status, results_url, body, received_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                        + " ON CONFLICT (attempt_id)"
                        + " DO UPDATE SET deliveries = runner_callback.deliveries + 1"
                        + " RETURNING (xmax = 0)")
                .setParameter(1, attemptId)
                .setParameter(2, runner)
                .setParameter(3, status.name())
                .setParameter(4, callback.resultsUrl())
                .setParameter(5, body)
                .setParameter(6, now)
                .getSingleResult();
    if (!first) {
      LOG.infof("duplicate callback for run %s attempt %d ignored", a.runId, a.attempt);
      return new Receipt(attemptId, true, null);
    }
    if (!a.state.awaitsCallback()) {
      LOG.infof(
          "run %s attempt %d: %s callback after the attempt %s; stored, not reported",
          a.runId, a.attempt, status, a.state);
      return new Receipt(attemptId, false, "attempt is " + a.state);
    }
    if (a.state == AttemptState.PENDING) {
      // the runner answered before our record of handing it the job committed
      dispatch.markDispatched(a, callback.jobId());
    }
    if (status == RunnerStatus.TIMEOUT) {
      timeouts.timeOut(a, "the runner reported a timeout");
      return Receipt.accepted(attemptId);
    }
    a.state = AttemptState.CALLED_BACK;
    outbox.add(
        Topics.RUNS_STATUS,
        dispatch.causedByRequest(a, a.completed(status, callback.resultsUrl())));
    LOG.infof("run %s attempt %d: runner reported %s", a.runId, a.attempt, status);
    return Receipt.accepted(attemptId);
  }

  /**
   * What the callback says about itself that is not what the attempt is: the runner and kind of its
   * URL, its job id (once the attempt has one), and its run and attempt where it names them.
   */
  static List<String> mismatches(Attempt a, Delivery delivery) {
    List<String> mismatches = new ArrayList<>();
    RunnerReport callback = delivery.report();
    if (!a.runner.equals(delivery.runner())) {
      mismatches.add("runner");
    }
    if (!a.kind.equals(delivery.kind())) {
      mismatches.add("kind");
    }
    if (a.runnerJobId != null && !a.runnerJobId.equals(callback.jobId())) {
      mismatches.add("jobId");
    }
    if (callback.runId() != null && !a.runId.equals(callback.runId())) {
      mismatches.add("runId");
    }
    if (callback.attempt() != null && callback.attempt() != a.attempt) {
      mismatches.add("attempt");
    }
    return mismatches;
  }

  /** No attempt has this callback URL (an unknown attempt, or another attempt's token). */
  public static class UnknownCallback extends ProblemException {
    UnknownCallback() {
      super(404, "Not Found", "no attempt has this callback URL");
    }
  }

  /** A signed callback that describes another job than the attempt its URL names. */
  public static class CallbackMismatch extends ProblemException {
    CallbackMismatch(List<String> fields) {
      super(
          409,
          "Conflict",
          "the callback does not describe the job of the attempt its URL names: "
              + String.join(", ", fields)
              + " differ",
          Map.of("mismatched", fields));
    }
  }
}
