package dev.gort.notifier.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One message to an owner about one run outcome on one channel and destination: the intent,
 * recorded before it is sent, and what came of sending it. Its id is the delivery id every try
 * sends (the email's Message-ID, the webhook's {@code X-Gort-Delivery}).
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "run_id", nullable = false)
  public String runId;

  @Column(nullable = false)
  public String outcome;

  @Column(nullable = false)
  public String channel;

  /** The email address or webhook URL. */
  @Column(nullable = false)
  public String recipient;

  /** The run's owner, who may read this notification. */
  public String owner;

  @Column(nullable = false)
  public String subject;

  /** The email's text part, or the JSON document a chat or generic webhook is posted. */
  @Column(nullable = false)
  public String body;

  /** The email's HTML part; null for other channels. */
  public String html;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public NotificationState state;

  @Column(nullable = false)
  public int tries;

  @Column(name = "next_try_at", nullable = false)
  public Instant nextTryAt;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "sent_at")
  public Instant sentAt;
}
