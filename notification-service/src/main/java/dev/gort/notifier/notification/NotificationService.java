package dev.gort.notifier.notification;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.NotificationQueued;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbox.Outbox;
import dev.gort.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns finished runs into notifications, at most one per outcome and channel; {@link
 * NotificationDelivery} sends them.
 */
@ApplicationScoped
public class NotificationService {

  static final String CONSUMER = "notification-service.finished";
  static final String SOURCE = "/gort/notification-service";
  private static final Logger LOG = Logger.getLogger(NotificationService.class);

  @Inject Inbox inbox;
  @Inject CausalClock causalClock;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject EntityManager em;
  @Inject NotifierConfig config;

  /**
   * Queues the owner's email for a finished run, once however often the event arrives, and confirms
   * to the scheduler that the notification is taken ({@code NotificationQueued}, again for every
   * delivery of the run's {@code RunFinished}, so a lost confirmation comes again).
   */
  @Transactional
  public void accept(Envelope event) {
    if (!(event.data() instanceof RunFinished finished)) {
      return;
    }
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    causalClock.receive(finished.runId(), event.clock());
    long existing =
        Notification.count(
            "runId = ?1 and outcome = ?2 and channel = ?3",
            finished.runId(),
            finished.outcome().name(),
            EmailChannel.CODE);
    if (existing > 0) {
      confirm(event, finished, (int) existing, "already queued");
      return;
    }
    if (finished.ownerEmail() == null || finished.ownerEmail().isBlank()) {
      LOG.warnf("run %s finished but its owner has no email address", finished.runId());
      confirm(event, finished, 0, "the owner has no email address");
      return;
    }
    Instant now = clock.instant();
    Notification n = new Notification();
    n.id = UUID.randomUUID().toString();
    n.runId = finished.runId();
    n.outcome = finished.outcome().name();
    n.channel = EmailChannel.CODE;
    n.recipient = finished.ownerEmail();
    n.owner = finished.owner();
    n.subject = NotificationMessages.subject(finished);
    n.body = NotificationMessages.body(finished, config.schedulerUrl());
    n.state = NotificationState.PENDING;
    n.nextTryAt = now;
    n.createdAt = now;
    n.persist();
    confirm(event, finished, 1, "email queued");
  }

  private void confirm(Envelope cause, RunFinished finished, int notifications, String detail) {
    outbox.add(
        Topics.RUNS_STATUS,
        Envelope.causedBy(
            cause,
            SOURCE,
            new NotificationQueued(finished.runId(), finished.outcome(), notifications, detail),
            clock.instant()));
  }
}
