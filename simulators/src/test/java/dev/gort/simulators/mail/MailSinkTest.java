package dev.gort.simulators.mail;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
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

  private void send(String from, List<String> to, String subject, String text)
      throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(smtpPort));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "5000");
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress(from));
    for (String recipient : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    }
    message.setSubject(subject);
    message.setText(text);
    Transport.send(message);
  }
}
