package dev.gort.simulators.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.InMemoryStore;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A real SMTP server (GreenMail) that keeps whatever the notifier sends. GreenMail files one copy
 * per recipient mailbox; the sink folds those copies back into one message per Message-ID, with
 * every recipient that received it and how many times it came ({@code timesReceived}: a message
 * sent again under the same Message-ID is one message received twice).
 *
 * <p>A mail server that is slow to confirm: a message with a recipient whose local part starts with
 * {@code slow-} (e.g. {@code slow-ann@example.com}) is stored, and so listed, at once, but its
 * {@code 250} to the end of DATA comes only after {@code gort.sim.smtp-slow-ack} (20 s by default).
 * That holds for the first time the sink takes a given Message-ID; the same Message-ID again is
 * answered at once (a message without one is always held). So a sender that gives up waiting, or
 * dies waiting, and sends the message again under the same Message-ID gets through, and the sink
 * shows the message once, received twice. {@code DELETE /sim/mail} forgets which were held.
 */
@Singleton
public class MailSink {

  /** The start of the local part of the recipients whose messages are acknowledged late. */
  public static final String SLOW_PREFIX = "slow-";

  private static final Logger LOG = Logger.getLogger(MailSink.class);

  private final SmtpConfig config;
  private final Set<String> heldOnce = ConcurrentHashMap.newKeySet();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private Managers managers;
  private HeldAckSmtpServer smtp;

  @Inject
  public MailSink(SmtpConfig config) {
    this.config = config;
  }

  void start(@Observes StartupEvent event) throws InterruptedException {
    managers = new Managers();
    // anyone may send, to any address: a mailbox is made for each new recipient
    managers.getUserManager().setAuthRequired(false);
    ServerSetup setup =
        new ServerSetup(config.smtpPort(), config.smtpHost(), ServerSetup.PROTOCOL_SMTP);
    smtp = new HeldAckSmtpServer(setup, managers, this::holdFor, stopping);
    smtp.startService();
    if (!smtp.waitTillRunning(setup.getServerStartupTimeout())) {
      throw new IllegalStateException(
          "the SMTP sink did not start on " + config.smtpHost() + ":" + config.smtpPort());
    }
    LOG.infof(
        "SMTP sink listening on %s:%d (messages to %s… acknowledged after %s the first time)",
        config.smtpHost(), config.smtpPort(), SLOW_PREFIX, config.smtpSlowAck());
  }

  void stop(@Observes ShutdownEvent event) {
    stopping.countDown();
    if (smtp != null) {
      smtp.stopService();
    }
  }

  /** How long to hold the acknowledgement of {@code message}, now stored. */
  private Duration holdFor(MovingMessage message) {
    boolean slow =
        message.getToAddresses().stream()
            .map(MailAddress::getUser)
            .anyMatch(
                user -> user != null && user.toLowerCase(Locale.ROOT).startsWith(SLOW_PREFIX));
    if (!slow) {
      return Duration.ZERO;
    }
    String id = messageId(message.getMessage());
    if (id != null && !heldOnce.add(id)) {
      LOG.infof("message %s to a slow recipient again: acknowledged at once", id);
      return Duration.ZERO;
    }
    LOG.infof(
        "message %s to a slow recipient stored; acknowledging it in %s", id, config.smtpSlowAck());
    return config.smtpSlowAck();
  }

  private static String messageId(MimeMessage message) {
    try {
      return message == null ? null : message.getMessageID();
    } catch (MessagingException e) {
      return null;
    }
  }

  public boolean isRunning() {
    return smtp != null && smtp.isRunning();
  }

  /** Messages in the order received; with {@code to}, only those that reached that address. */
  public List<ReceivedMail> messages(String to) {
    Map<String, Collected> byMessage = new LinkedHashMap<>();
    try {
      ImapHostManager mailboxes = managers.getImapHostManager();
      for (GreenMailUser user : managers.getUserManager().listUser()) {
        for (StoredMessage stored : mailboxes.getInbox(user).getMessages()) {
          MimeMessage message = stored.getMimeMessage();
          String id = message.getMessageID();
          String key = id != null ? id : user.getEmail() + "#" + stored.getUid();
          byMessage
              .computeIfAbsent(key, k -> new Collected(message, id))
              .add(user.getEmail(), stored.getReceivedDate().getTime());
        }
      }
      List<ReceivedMail> mails = new ArrayList<>();
      for (Collected collected :
          byMessage.values().stream()
              .sorted(Comparator.comparingLong(c -> c.receivedAt))
              .toList()) {
        if (to == null
            || collected.copies.keySet().stream().anyMatch(r -> r.equalsIgnoreCase(to))) {
          mails.add(collected.toMail());
        }
      }
      return mails;
    } catch (FolderException | MessagingException | IOException e) {
      throw new IllegalStateException("cannot read the SMTP sink's mailboxes", e);
    }
  }

  /** Empties every mailbox and forgets which messages had their acknowledgement held. */
  public void clear() {
    try {
      InMemoryStore store = (InMemoryStore) managers.getImapHostManager().getStore();
      for (MailFolder folder : store.listMailboxes("*")) {
        folder.deleteAllMessages();
      }
      heldOnce.clear();
    } catch (FolderException e) {
      throw new IllegalStateException("cannot clear the SMTP sink", e);
    }
  }

  private static final class Collected {
    final MimeMessage message;
    final String messageId;
    long receivedAt = Long.MAX_VALUE;

    /** Copies per recipient mailbox, in the order the mailboxes were read. */
    final Map<String, Integer> copies = new LinkedHashMap<>();

    Collected(MimeMessage message, String messageId) {
      this.message = message;
      this.messageId = messageId;
    }

    void add(String recipient, long at) {
      copies.merge(recipient.toLowerCase(Locale.ROOT), 1, Integer::sum);
      receivedAt = Math.min(receivedAt, at);
    }

    ReceivedMail toMail() throws MessagingException, IOException {
      return new ReceivedMail(
          messageId,
          addresses(message.getFrom()),
          List.copyOf(copies.keySet()),
          message.getSubject(),
          plainText(message),
          Rfc3339.format(java.time.Instant.ofEpochMilli(receivedAt)),
          copies.values().stream().mapToInt(Integer::intValue).max().orElse(0));
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
