package dev.gort.notifier.channel;

import dev.gort.notifier.config.NotifierConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Email over SMTP ({@code quarkus.mailer.*}): a text and an HTML part, and a {@code Message-ID}
 * made of the delivery id ({@code <id@gort>}), the same on every try, so that a mail sent again
 * after a crash between send and record is recognisably the same message. Every send has a
 * deadline: a mail server that stops answering fails the try instead of holding the sender.
 */
@ApplicationScoped
public class EmailChannel implements Channel {

  public static final String CODE = "email";

  @Inject ReactiveMailer mailer;
  @Inject NotifierConfig config;

  @Override
  public String code() {
    return CODE;
  }

  /** The {@code Message-ID} of the notification with id {@code deliveryId} (RFC 5322, 3.6.4). */
  public static String messageId(String deliveryId) {
    return "<" + deliveryId + "@gort>";
  }

  @Override
  public void send(Outgoing notification) {
    Mail mail =
        Mail.withText(notification.destination(), notification.subject(), notification.body())
            .addHeader("Message-ID", messageId(notification.deliveryId()));
    if (notification.html() != null) {
      mail.setHtml(notification.html());
    }
    mailer.send(mail).await().atMost(config.sendTimeout());
  }
}
