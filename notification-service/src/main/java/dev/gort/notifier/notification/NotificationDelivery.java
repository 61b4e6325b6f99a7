package dev.gort.notifier.notification;

import dev.gort.common.retry.Backoff;
import dev.gort.common.workqueue.Lease;
import dev.gort.common.workqueue.Result;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.notifier.config.NotifierConfig;
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
 * Sends due notifications: claims the most overdue one (leasing it for longer than a send may
 * take), sends outside any transaction, and records what came of it. Replicas skip a leased
 * notification; a sender that dies mid-send leaves it to be sent again once the lease lapses
 * (at-least-once towards SMTP, the best a mail server allows).
 */
@ApplicationScoped
public class NotificationDelivery implements WorkQueue.Steps<NotificationDelivery.Claim, Void> {

  private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject EmailChannel email;
  @Inject NotifierConfig config;

  /** A notification taken to send, under {@code lease}. */
  public record Claim(
      String id, String runId, String recipient, String subject, String body, Lease lease) {}

  @Override
  @Transactional
  public Optional<Claim> claimNext() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Notification> due =
        em.createNativeQuery(
                "SELECT * FROM notification WHERE state = 'PENDING' AND next_try_at <= ?1"
                    + " ORDER BY next_try_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                Notification.class)
            .setParameter(1, now)
            .getResultList();
    if (due.isEmpty()) {
      return Optional.empty();
    }
    Notification n = due.get(0);
    n.tries++;
    // longer than a send may take, so a send still under way is never claimed twice
    Lease lease = Lease.of(now, config.sendTimeout().multipliedBy(2));
    n.nextTryAt = lease.until();
    return Optional.of(new Claim(n.id, n.runId, n.recipient, n.subject, n.body, lease));
  }

  @Override
  public Void call(Claim claim) {
    email.send(claim.recipient(), claim.subject(), claim.body());
    return null;
  }

  /**
   * A sent notification is recorded sent even when its lease lapsed (it went out); a failed try is
   * tried again with back-off, up to {@code gort.notifier.max-tries}, when the lease still holds.
   */
  @Override
  @Transactional
  public void record(Claim claim, Result<Void> result) {
    Notification n = em.find(Notification.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
    if (n == null || n.state != NotificationState.PENDING) {
      return;
    }
    if (result.succeeded()) {
      n.state = NotificationState.SENT;
      n.sentAt = clock.instant();
      n.lastError = null;
      LOG.infof("run %s: %s notification sent", n.runId, n.outcome);
      return;
    }
    if (!claim.lease().holds(n.nextTryAt)) {
      return;
    }
    n.lastError = result.why();
    if (n.tries >= config.maxTries()) {
      n.state = NotificationState.FAILED;
      LOG.errorf("run %s: notification given up after %d tries: %s", n.runId, n.tries, n.lastError);
    } else {
      Duration backoff = new Backoff(Duration.ofSeconds(1), config.maxBackoff()).after(n.tries);
      n.nextTryAt = clock.instant().plus(backoff);
      LOG.warnf("run %s: notification try %d failed: %s", n.runId, n.tries, n.lastError);
    }
  }
}
