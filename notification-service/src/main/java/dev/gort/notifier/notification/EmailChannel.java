package dev.gort.notifier.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Email over SMTP ({@code quarkus.mailer.*}). */
@ApplicationScoped
public class EmailChannel {

  public static final String CODE = "email";

  @Inject Mailer mailer;

  public void send(String to, String subject, String body) {
    mailer.send(Mail.withText(to, subject, body));
  }
}
