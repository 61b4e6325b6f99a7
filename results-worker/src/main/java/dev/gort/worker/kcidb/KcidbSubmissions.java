package dev.gort.worker.kcidb;

import dev.gort.common.outbound.OutboundFetchException;
import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.common.retry.Backoff;
import dev.gort.common.workqueue.Lease;
import dev.gort.common.workqueue.Result;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.worker.config.WorkerConfig;
import dev.gort.worker.report.Report;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Submits reports to KCIDB ({@code gort.worker.kcidb.submit-url}): claims the most overdue
 * submission and exports its report under the claim, posts the document outside any transaction
 * (through the outbound guard, with the bearer token), and records what came of it. A refusal that
 * a retry cannot change (4xx other than 408 and 429) fails it at once; anything else is tried again
 * with back-off up to {@code gort.worker.kcidb.max-tries}.
 */
@ApplicationScoped
public class KcidbSubmissions implements WorkQueue.Steps<KcidbSubmissions.Claim, Void> {

  static final String WHAT = "KCIDB submission";
  private static final Logger LOG = Logger.getLogger(KcidbSubmissions.class);
  private static final int ANSWER_BYTES = 64 * 1024;
  private static final Duration LEASE = Duration.ofMinutes(2);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject WorkerConfig config;
  @Inject KcidbReports reports;
  @Inject OutboundFetcher outbound;

  /** A submission taken, with its document, under {@code lease}. */
  public record Claim(String reportId, byte[] document, Lease lease) {}

  /** A try that failed; {@code permanent} when trying again cannot help. */
  static final class SubmissionFailed extends RuntimeException {
    final boolean permanent;

    SubmissionFailed(String message, boolean permanent) {
      super(message);
      this.permanent = permanent;
    }
  }

  @Override
  @Transactional
  public Optional<Claim> claimNext() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<KcidbSubmission> due =
        em.createNativeQuery(
                "SELECT * FROM kcidb_submission WHERE state = 'PENDING' AND next_try_at <= ?1"
                    + " ORDER BY next_try_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                KcidbSubmission.class)
            .setParameter(1, now)
            .getResultList();
    if (due.isEmpty()) {
      return Optional.empty();
    }
    KcidbSubmission s = due.get(0);
    Report report = Report.findById(s.reportId);
    s.tries++;
    Lease lease = Lease.of(now, LEASE);
    s.nextTryAt = lease.until();
    return Optional.of(new Claim(s.reportId, reports.export(report), lease));
  }

  @Override
  public Void call(Claim claim) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    config.kcidb().token().ifPresent(t -> headers.put("Authorization", "Bearer " + t));
    String url = config.kcidb().submitUrl().orElseThrow();
    try {
      outbound.post(WHAT, url, headers, claim.document(), ANSWER_BYTES, config.fetchTimeout());
      return null;
    } catch (OutboundFetchException e) {
      int status = e.status();
      boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
      throw new SubmissionFailed(
          e.getMessage() + (status > 0 ? " (" + status + ")" : ""), permanent);
    }
  }

  @Override
  @Transactional
  public void record(Claim claim, Result<Void> result) {
    KcidbSubmission s =
        em.find(KcidbSubmission.class, claim.reportId(), LockModeType.PESSIMISTIC_WRITE);
    if (s == null || !KcidbSubmission.PENDING.equals(s.state)) {
      return;
    }
    if (result.succeeded()) {
      s.state = KcidbSubmission.SENT;
      s.sentAt = clock.instant();
      s.lastError = null;
      LOG.infof("report %s submitted to KCIDB", s.reportId);
      return;
    }
    if (!claim.lease().holds(s.nextTryAt)) {
      return;
    }
    s.lastError = result.why();
    boolean permanent = result.failure() instanceof SubmissionFailed f && f.permanent;
    if (permanent || s.tries >= config.kcidb().maxTries()) {
      s.state = KcidbSubmission.FAILED;
      LOG.errorf(
          "report %s: KCIDB submission given up after %d tries: %s",
          s.reportId, s.tries, s.lastError);
    } else {
      s.nextTryAt =
          clock
              .instant()
              .plus(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)).after(s.tries));
      LOG.warnf("report %s: KCIDB submission try %d failed: %s", s.reportId, s.tries, s.lastError);
    }
  }
}
