package dev.gort.notifier.notification;

import dev.gort.common.retry.Backoff;
import dev.gort.common.time.StoredTime;
import dev.gort.common.web.Untrusted;
import dev.gort.common.workqueue.Lease;
import dev.gort.common.workqueue.Result;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.notifier.channel.Channel;
import dev.gort.notifier.channel.ChannelFailure;
import dev.gort.notifier.channel.Channels;
import dev.gort.notifier.channel.Outgoing;
import dev.gort.notifier.config.NotifierConfig;
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
 * Sends due notifications: claims the most overdue one (leasing it for longer than a send may
 * take), sends it through its channel outside any transaction, under its id as the delivery id, and
 * records what came of it. Replicas skip a leased notification; a sender that dies mid-send (or
 * between send and record) leaves it PENDING, to be sent again once the lease lapses, with the same
 * Message-ID or {@code X-Gort-Delivery}, so the receiver can tell the second from a new one. Only
 * PENDING notifications are ever sent. A failure that can pass is tried again with back-off up to
 * {@code gort.notifier.max-tries}; one that cannot (a 4xx, a refused destination) fails the
 * notification at once, with the reason.
 */
@ApplicationScoped
public class NotificationDelivery implements WorkQueue.Steps<NotificationDelivery.Claim, Void> {

  private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject Channels channels;
  @Inject NotifierConfig config;

  /** A notification taken to send, under {@code lease}. */
  public record Claim(String runId, String channel, Outgoing notification, Lease lease) {
    String id() {
      return notification.deliveryId();
    }
  }

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
    return Optional.of(
        new Claim(
            n.runId, n.channel, new Outgoing(n.id, n.recipient, n.subject, n.body, n.html), lease));
  }

  @Override
  public Void call(Claim claim) {
    Channel channel =
        channels
            .of(claim.channel())
            .orElseThrow(
                () -> ChannelFailure.permanent("no channel " + Untrusted.quote(claim.channel())));
    channel.send(claim.notification());
    return null;
  }

  /**
   * A sent notification is recorded sent even when its lease lapsed (it went out); a failed try is
   * recorded only while the lease still holds: tried again with back-off, or failed.
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
      n.sentAt = StoredTime.of(clock.instant());
      n.lastError = null;
      LOG.infof("run %s: %s notification %s sent", Untrusted.forLog(n.runId), n.channel, n.id);
      return;
    }
    if (!claim.lease().holds(n.nextTryAt)) {
      return;
    }
    boolean permanent = result.failure() instanceof ChannelFailure f && f.permanent();
    n.lastError = Untrusted.escape(result.why(), 1000);
    DeliveryDecision decision =
        DeliveryDecision.after(
            n.tries,
            config.maxTries(),
            permanent,
            new Backoff(config.firstBackoff(), config.maxBackoff()),
            clock.instant());
    if (decision.failed()) {
      n.state = NotificationState.FAILED;
      LOG.errorf(
          "run %s: %s notification %s failed after %d tries: %s",
          Untrusted.forLog(n.runId), n.channel, n.id, n.tries, Untrusted.forLog(n.lastError));
    } else {
      n.nextTryAt = StoredTime.of(decision.nextTryAt());
      LOG.warnf(
          "run %s: %s notification %s, try %d failed: %s",
          Untrusted.forLog(n.runId), n.channel, n.id, n.tries, Untrusted.forLog(n.lastError));
    }
  }
}
