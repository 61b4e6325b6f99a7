package dev.gort.gateway.callback;

import dev.gort.common.web.ProblemException;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.attempt.CallbackToken;
import dev.gort.gateway.attempt.Reports;
import dev.gort.gateway.runner.RunnerReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

/**
 * Finds the attempt a verified report is about, checks it is that attempt's, and records it, in the
 * caller's transaction ({@link CallbackWriter}'s, shared with other callbacks): every refusal is
 * thrown before anything is written, so it leaves that transaction as it found it.
 */
@ApplicationScoped
public class CallbackService {

  private static final Logger LOG = Logger.getLogger(CallbackService.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject Reports reports;

  /**
   * The result of recording one delivery: {@code ignored} says why it changes nothing though it is
   * not a duplicate (the attempt ended before it arrived, a job Gort did not start, progress).
   */
  public record Receipt(String attemptId, boolean duplicate, String ignored) {

    static Receipt of(String attemptId, Reports.Recorded recorded) {
      return new Receipt(attemptId, recorded.duplicate(), recorded.why());
    }

    /** A delivery that is none of Gort's business. */
    static Receipt ignored(String why) {
      return new Receipt(null, false, why);
    }

    boolean changedNothing() {
      return duplicate || ignored != null;
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
   * Records a verified per-job callback.
   *
   * @throws UnknownCallback when there is no such attempt, or the token is none of its own
   * @throws CallbackMismatch when the report describes another job than the attempt's
   */
  public Receipt record(Delivery delivery) {
    // Locked: a hand-over still committing this attempt finishes first.
    Attempt a = em.find(Attempt.class, delivery.attemptId(), LockModeType.PESSIMISTIC_WRITE);
    if (a == null || !CallbackToken.isOneOf(em, a, delivery.token())) {
      throw new UnknownCallback();
    }
    requireMatch(a, delivery.runner(), delivery.kind(), delivery.report());
    return Receipt.of(a.id, reports.record(a, delivery.report(), delivery.body()));
  }

  /**
   * Records a verified report that came to the runner's one callback URL (no per-job token): its
   * attempt is the latest with the report's job id. A job Gort did not start is ignored, and a
   * delivery the runner already made once changes nothing.
   */
  public Receipt recordForRunner(String runner, RunnerReport report, String body) {
    // JPQL, not a native query mapped to the entity: its plan is cached, while a native query's
    // result mapping is resolved again on every call (a tenth of a callback writer's CPU). No
    // flush before it: the attempts other callbacks of the batch changed are not this job's (a
    // report finds its attempt only by a job id it already has), and one found again is the
    // managed instance with its changes; they are flushed together, batched, at the commit.
    List<Attempt> attempts =
        em.createQuery(
                "FROM Attempt WHERE runner = :runner AND runnerJobId = :jobId ORDER BY attempt DESC",
                Attempt.class)
            .setParameter("runner", runner)
            .setParameter("jobId", report.jobId())
            .setMaxResults(1)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .setFlushMode(FlushModeType.COMMIT)
            .getResultList();
    Attempt a = attempts.isEmpty() ? null : attempts.get(0);
    if (a != null) {
      // refused before the delivery is remembered: a refusal must write nothing
      requireMatch(a, runner, report.kind() == null ? a.kind : report.kind().word(), report);
    }
    if (report.deliveryId() != null && !firstDelivery(runner, report.deliveryId())) {
      LOG.infof("runner %s delivery %s seen before; ignored", runner, report.deliveryId());
      return new Receipt(null, true, null);
    }
    if (a == null) {
      return Receipt.ignored("no attempt of Gort's has this job");
    }
    return Receipt.of(a.id, reports.record(a, report, body));
  }

  private boolean firstDelivery(String runner, String deliveryId) {
    return em.createNativeQuery(
                "INSERT INTO runner_delivery (runner, delivery_id, received_at) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT DO NOTHING")
            .unwrap(NativeQuery.class)
            // no entity table: no flush of the attempts before it
            .addSynchronizedQuerySpace("runner_delivery")
            .setParameter(1, runner)
            .setParameter(2, deliveryId)
            .setParameter(3, clock.instant())
            .executeUpdate()
        == 1;
  }

  private static void requireMatch(Attempt a, String runner, String kind, RunnerReport report) {
    List<String> mismatches = mismatches(a, runner, kind, report);
    if (!mismatches.isEmpty()) {
      LOG.warnf(
          "report for run %s attempt %d refused: it does not match the attempt in %s",
          a.runId, a.attempt, mismatches);
      throw new CallbackMismatch(mismatches);
    }
  }

  /**
   * What the report says about itself that is not what the attempt is: the runner and kind it came
   * for, its job id (once the attempt has one), and its run and attempt where it names them.
   */
  static List<String> mismatches(Attempt a, String runner, String kind, RunnerReport report) {
    List<String> mismatches = new ArrayList<>();
    if (!a.runner.equals(runner)) {
      mismatches.add("runner");
    }
    if (!a.kind.equals(kind) || (report.kind() != null && !a.kind.equals(report.kind().word()))) {
      mismatches.add("kind");
    }
    if (a.runnerJobId != null && !a.runnerJobId.equals(report.jobId())) {
      mismatches.add("jobId");
    }
    if (report.runId() != null && !a.runId.equals(report.runId())) {
      mismatches.add("runId");
    }
    if (report.attempt() != null && report.attempt() != a.attempt) {
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

  /** A signed report that describes another job than the attempt it is for. */
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
