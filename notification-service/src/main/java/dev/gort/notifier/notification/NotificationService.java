package dev.gort.notifier.notification;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.NotificationQueued;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.time.StoredTime;
import dev.gort.common.web.Untrusted;
import dev.gort.notifier.channel.ChatChannel;
import dev.gort.notifier.channel.EmailChannel;
import dev.gort.notifier.channel.WebhookChannel;
import dev.gort.notifier.config.NotifierConfig;
import dev.gort.notifier.notification.NotificationMessages.Links;
import dev.gort.notifier.preference.Destination;
import dev.gort.notifier.preference.OwnerPreferences;
import dev.gort.notifier.preference.Preferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Turns finished runs into notification intents, exactly one per run, outcome, channel and
 * destination (a unique key, inserted with {@code ON CONFLICT DO NOTHING}), in the transaction that
 * marks the event in the inbox and owes the scheduler its {@code NotificationQueued}; {@link
 * NotificationDelivery} sends them. A second delivery of the event, a re-sent {@code RunFinished},
 * or another replica taking the event during a rebalance: the intents are there already, and
 * nothing is queued twice.
 */
@ApplicationScoped
public class NotificationService {

  static final String CONSUMER = "notification-service.finished";
  static final String SOURCE = "/gort/notification-service";
  private static final Logger LOG = Logger.getLogger(NotificationService.class);
  private static final String INSERT =
      "INSERT INTO notification (id, run_id, outcome, channel, recipient, owner, subject, body,"
          + " html, state, tries, next_try_at, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)"
          + " ON CONFLICT (run_id, outcome, channel, recipient) DO NOTHING";

  @Inject Inbox inbox;
  @Inject CausalClock causalClock;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject EntityManager em;
  @Inject NotifierConfig config;
  @Inject OwnerPreferences preferences;

  /**
   * Queues a notification on every channel the owner's preferences choose for the run's outcome (by
   * default an email to the experiment owner's address), once however often the event arrives, and
   * confirms to the scheduler that the notifications are taken ({@code NotificationQueued}, again
   * for every delivery of the run's {@code RunFinished}, so a lost confirmation comes again).
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
    Preferences chosen = preferences.of(finished.owner());
    List<Destination> destinations =
        chosen.destinationsFor(finished.outcome(), finished.ownerEmail());
    Links links =
        Links.of(config.schedulerUrl(), config.reportsUrl(), finished.runId(), finished.reportId());
    Instant now = StoredTime.of(clock.instant());
    List<String> queued = new ArrayList<>();
    for (Destination destination : destinations) {
      if (queue(finished, destination, links, now)) {
        queued.add(destination.channel());
      }
    }
    int notifications = count(finished);
    if (!queued.isEmpty()) {
      confirm(event, finished, notifications, String.join(", ", queued) + " queued");
    } else if (notifications > 0) {
      confirm(event, finished, notifications, "already queued");
    } else if (!chosen.outcomes().contains(finished.outcome())) {
      confirm(
          event,
          finished,
          0,
          "the owner's preferences ask for no notification of " + finished.outcome());
    } else if (chosen.channels().isEmpty()) {
      confirm(event, finished, 0, "the owner's preferences name no channel");
    } else {
      LOG.warnf(
          "run %s finished but its owner has nowhere to be told",
          Untrusted.forLog(finished.runId()));
      confirm(event, finished, 0, "the owner has no email address");
    }
  }

  /** Inserts the intent unless it is there: whether it was inserted now. */
  private boolean queue(RunFinished finished, Destination destination, Links links, Instant now) {
    String id = UUID.randomUUID().toString();
    String channel = destination.channel();
    String body =
        switch (channel) {
          case ChatChannel.CODE -> NotificationMessages.chat(finished, links);
          case WebhookChannel.CODE -> NotificationMessages.webhook(finished, links, id);
          default -> NotificationMessages.text(finished, links);
        };
    String html =
        EmailChannel.CODE.equals(channel) ? NotificationMessages.html(finished, links) : null;
    int[] inserted = new int[1];
    // plain JDBC: the html of a chat or webhook notification is a typed null
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, id);
                insert.setString(2, finished.runId());
                insert.setString(3, finished.outcome().name());
                insert.setString(4, channel);
                insert.setString(5, destination.address());
                insert.setString(6, finished.owner());
                insert.setString(7, NotificationMessages.subject(finished));
                insert.setString(8, body);
                if (html == null) {
                  insert.setNull(9, Types.VARCHAR);
                } else {
                  insert.setString(9, html);
                }
                insert.setObject(10, now.atOffset(ZoneOffset.UTC));
                insert.setObject(11, now.atOffset(ZoneOffset.UTC));
                inserted[0] = insert.executeUpdate();
              }
            });
    return inserted[0] == 1;
  }

  private int count(RunFinished finished) {
    return Math.toIntExact(
        Notification.count(
            "runId = ?1 and outcome = ?2", finished.runId(), finished.outcome().name()));
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
