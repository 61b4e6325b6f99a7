package dev.gort.simulators.mail;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class MailSinkTest {

  @ConfigProperty(name = "gort.sim.smtp-port")
  int smtpPort;

  @BeforeEach
  void empty() {
    given().delete("/sim/mail").then().statusCode(204);
  }

  @Test
  void messageSentOverSmtpIsListedForEachRecipient() throws MessagingException {
    send(
        "gort@example.com",
        List.of("ann@example.com", "bob@example.com"),
        "Run passed",
        "All good.");

    for (String to : List.of("ann@example.com", "bob@example.com")) {
      given()
          .queryParam("to", to)
          .get("/sim/mail")
          .then()
          .statusCode(200)
          .body("value", hasSize(1))
          .body("value[0].from", equalTo("gort@example.com"))
          .body("value[0].to", equalTo(List.of("ann@example.com", "bob@example.com")))
          .body("value[0].messageId", startsWith("<"))
          .body("value[0].timesReceived", equalTo(1))
          .body("value[0].subject", equalTo("Run passed"))
          .body("value[0].body", containsString("All good."))
          .body("value[0].receivedAt", containsString("T"));
    }
    given().queryParam("to", "carol@example.com").get("/sim/mail").then().body("value", hasSize(0));
  }

  @Test
  void listWithoutRecipientShowsAllAndDeleteClears() throws MessagingException {
    send("gort@example.com", List.of("ann@example.com"), "first", "1");
    send("gort@example.com", List.of("dan@example.com"), "second", "2");

    given()
        .get("/sim/mail")
        .then()
        .statusCode(200)
        .body("value", hasSize(2))
        .body("value.subject", hasItem("second"));

    given().delete("/sim/mail").then().statusCode(204);
    given().get("/sim/mail").then().body("value", hasSize(0));
  }

  @Test
  void readinessIncludesTheSmtpSink() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("smtp-sink"))
        .body("checks.find { it.name == 'smtp-sink' }.data.port", equalTo(smtpPort));
  }

  @Test
  void slowRecipientsMessageIsStoredButAcknowledgedLateTheFirstTimeOnly()
      throws MessagingException {
    String to = "slow-ann@example.com";
    String id = "<held-1@gort.test>";

    // a sender that waits less than the held acknowledgement gives up, though the sink has it
    MessagingException gaveUp =
        assertThrows(
            MessagingException.class,
            () -> send("gort@example.com", List.of(to), "Run passed", "All good.", id, 500));
    assertTrue(
        String.valueOf(gaveUp.getCause()).contains("timed out")
            || String.valueOf(gaveUp.getMessage()).contains("timed out"),
        () -> "a read timeout, got " + gaveUp);
    given()
        .queryParam("to", to)
        .get("/sim/mail")
        .then()
        .body("value", hasSize(1))
        .body("value[0].messageId", equalTo(id))
        .body("value[0].timesReceived", equalTo(1));

    // the same Message-ID again is acknowledged at once: one message, received twice
    long started = System.nanoTime();
    send("gort@example.com", List.of(to), "Run passed", "All good.", id, 5000);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, () -> "the resend took " + took);
    given()
        .queryParam("to", to)
        .get("/sim/mail")
        .then()
        .body("value", hasSize(1))
        .body("value[0].messageId", equalTo(id))
        .body("value[0].timesReceived", equalTo(2));
  }

  @Test
  void slowRecipientsNewMessageWaitsForTheAcknowledgement() throws MessagingException {
    long started = System.nanoTime();
    send("gort@example.com", List.of("slow-bob@example.com"), "s", "1", "<held-2@gort.test>", 5000);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    // gort.sim.smtp-slow-ack is PT2S in tests
    assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0, () -> "acknowledged after " + took);
  }

  @Test
  void otherRecipientsAreAcknowledgedAtOnce() throws MessagingException {
    send("gort@example.com", List.of("ann@example.com"), "s", "1", "<quick@gort.test>", 500);
    send("gort@example.com", List.of("annslow-@example.com"), "s", "2", "<quick2@gort.test>", 500);

    given().get("/sim/mail").then().body("value", hasSize(2));
  }

  private void send(String from, List<String> to, String subject, String text)
      throws MessagingException {
    send(from, to, subject, text, null, 5000);
  }

  /**
   * Sends over SMTP under {@code messageId} (null: one of jakarta.mail's), waiting {@code
   * timeoutMs}.
   */
  private void send(
      String from, List<String> to, String subject, String text, String messageId, int timeoutMs)
      throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(smtpPort));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", Integer.toString(timeoutMs));
    MimeMessage message =
        new MimeMessage(Session.getInstance(props)) {
          @Override
          protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
              super.updateMessageID();
            } else {
              setHeader("Message-ID", messageId);
            }
          }
        };
    message.setFrom(new InternetAddress(from));
    for (String recipient : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    }
    message.setSubject(subject);
    message.setText(text);
    Transport.send(message);
  }
}
