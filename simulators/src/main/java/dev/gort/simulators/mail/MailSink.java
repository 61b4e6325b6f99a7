package dev.gort.simulators.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gort.simulators.web.Rfc3339;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A real SMTP server (GreenMail) that keeps whatever the notifier sends. GreenMail files one copy
 * per recipient mailbox; the sink folds those copies back into one message per Message-ID, with
 * every recipient that received it.
 */
@Singleton
public class MailSink {

  private static final Logger LOG = Logger.getLogger(MailSink.class);

  private final SmtpConfig config;
  private GreenMail greenMail;

  @Inject
  public MailSink(SmtpConfig config) {
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    greenMail =
        new GreenMail(
            new ServerSetup(config.smtpPort(), config.smtpHost(), ServerSetup.PROTOCOL_SMTP));
    greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    LOG.infof("SMTP sink listening on %s:%d", config.smtpHost(), config.smtpPort());
  }

  void stop(@Observes ShutdownEvent event) {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  public boolean isRunning() {
    return greenMail != null && greenMail.getSmtp() != null && greenMail.getSmtp().isRunning();
  }

  /** Messages in the order received; with {@code to}, only those that reached that address. */
  public List<ReceivedMail> messages(String to) {
    Map<String, Collected> byMessage = new LinkedHashMap<>();
    try {
      for (GreenMailUser user : greenMail.getUserManager().listUser()) {
        for (StoredMessage stored :
            greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
          MimeMessage message = stored.getMimeMessage();
          String id = message.getMessageID();
          String key = id != null ? id : user.getEmail() + "#" + stored.getUid();
          byMessage
              .computeIfAbsent(key, k -> new Collected(message, stored.getReceivedDate().getTime()))
              .recipients
              .add(user.getEmail());
        }
      }
      List<ReceivedMail> mails = new ArrayList<>();
      for (Collected collected :
          byMessage.values().stream()
              .sorted(Comparator.comparingLong(c -> c.receivedAt))
              .toList()) {
        if (to == null || collected.recipients.stream().anyMatch(r -> r.equalsIgnoreCase(to))) {
          mails.add(collected.toMail());
        }
      }
      return mails;
    } catch (FolderException | MessagingException | IOException e) {
      throw new IllegalStateException("cannot read the SMTP sink's mailboxes", e);
    }
  }

  public void clear() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IllegalStateException("cannot clear the SMTP sink", e);
    }
  }

  private static final class Collected {
    final MimeMessage message;
    final long receivedAt;
    final List<String> recipients = new ArrayList<>();

    Collected(MimeMessage message, long receivedAt) {
      this.message = message;
      this.receivedAt = receivedAt;
    }

    ReceivedMail toMail() throws MessagingException, IOException {
      return new ReceivedMail(
          addresses(message.getFrom()),
          recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).distinct().toList(),
          message.getSubject(),
          plainText(message),
          Rfc3339.format(java.time.Instant.ofEpochMilli(receivedAt)));
    }
  }

  private static String addresses(Address[] addresses) {
    return addresses == null
        ? null
        : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  /** The text/plain part if there is one, else the first text part as it is. */
  static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      String fallback = null;
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String text = plainText(child);
        if (text != null && child.isMimeType("text/plain")) {
          return text;
        }
        if (text != null && fallback == null) {
          fallback = text;
        }
      }
      return fallback;
    }
    if (part.isMimeType("text/*")) {
      return String.valueOf(part.getContent());
    }
    return null;
  }
}
