package dev.gort.notifier.notification;

import dev.gort.notifier.config.NotifierConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Email over SMTP ({@code quarkus.mailer.*}). Every send has a deadline: a mail server that stops
 * answering fails the try instead of holding the sender (and its transaction) indefinitely.
 */
@ApplicationScoped
public class EmailChannel {

  public static final String CODE = "email";

  @Inject ReactiveMailer mailer;
  @Inject NotifierConfig config;

  public void send(String to, String subject, String body) {
    mailer.send(Mail.withText(to, subject, body)).await().atMost(config.sendTimeout());
  }
}
