package dev.gort.notifier.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.NotificationQueued;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.Topics;
import dev.gort.common.testing.KafkaEvents;
import dev.gort.notifier.testing.HookServerPort;
import dev.gort.notifier.testing.SmtpSink;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finished runs become one email to their owner, over real Kafka, PostgreSQL and SMTP. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SmtpSink.class)
@QuarkusTestResource(HookServerPort.class)
class NotificationTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = SmtpSink.SPOOL)
  Path spool;

  KafkaEvents kafka;

  @BeforeEach
  void connect() {
    kafka = new KafkaEvents(bootstrap);
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void finishedRunSendsOneEmailToTheOwner() {
    String runId = newRunId();
    String owner = uniqueAddress();

    kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-mail", owner, Outcome.PASSED));

    SmtpSink.Message mail = awaitOneMailTo(owner);
    assertThat(mail.to()).containsExactly(owner);
    assertThat(mail.subject()).isEqualTo("[Gort] exp-mail: tests passed");
    assertThat(mail.headers().get("from")).contains("gort@localhost");
    assertThat(mail.raw())
        .contains(runId)
        .contains("PASSED")
        .contains("http://scheduler.test/api/v1/test-runs/" + runId);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .queryParam("run", runId)
                    .get("/api/v1/notifications")
                    .then()
                    .statusCode(200)
                    .body("value", hasSize(1))
                    .body("value[0].state", equalTo("SENT")));
    given()
        .queryParam("run", runId)
        .get("/api/v1/notifications")
        .then()
        .body("value[0].run", equalTo(runId))
        .body("value[0].outcome", equalTo("PASSED"))
        .body("value[0].channel", equalTo("email"))
        .body("value[0].destination", equalTo(owner))
        .body("value[0].subject", equalTo("[Gort] exp-mail: tests passed"))
        .body("value[0].tries", equalTo(1));
  }

  @Test
  void aCancelledRunsMailSaysWhetherTheRunnerConfirmedTheHalt() {
    String runId = newRunId();
    String owner = uniqueAddress();
    RunFinished cancelled =
        new RunFinished(
            runId,
            "exp-halt",
            "rev-1",
            "alice",
            owner,
            Outcome.CANCELLED,
            1,
            "cancelled by alice",
            Instant.now(),
            "alice",
            RunHalt.GAVE_UP,
            "halt given up after 10 tries: connection refused");

    kafka.publish(
        Topics.RUNS_FINISHED, Envelope.of("/gort/scheduler-service", cancelled, Instant.now()));

    SmtpSink.Message mail = awaitOneMailTo(owner);
    assertThat(mail.subject()).isEqualTo("[Gort] exp-halt: test run cancelled");
    assertThat(mail.raw())
        .contains(
            "Halt:     Gort gave up asking the runner to halt the job; it may still be running"
                + " (halt given up after 10 tries: connection refused)");
  }

  @Test
  void sameRunFinishedDeliveredTwiceSendsOneEmail() {
    String runId = newRunId();
    String owner = uniqueAddress();
    Envelope event = finished(runId, "exp-twice", owner, Outcome.FAILED);

    RecordMetadata first = kafka.publish(Topics.RUNS_FINISHED, event);
    RecordMetadata second = kafka.publish(Topics.RUNS_FINISHED, event);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.consumed("notification-service", first, second));
    awaitSent(runId);
    // both deliveries are processed and the only notification is sent: nothing else can follow
    assertThat(SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains(owner))).hasSize(1);
    assertThat(kafka.values(Topics.deadLetter("notification-service"), runId)).isEmpty();
  }

  @Test
  void sameOutcomeReportedAgainUnderANewEventIdSendsNoSecondEmail() {
    String runId = newRunId();
    String owner = uniqueAddress();

    kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-again", owner, Outcome.TIMED_OUT));
    RecordMetadata again =
        kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-again", owner, Outcome.TIMED_OUT));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.consumed("notification-service", again));
    awaitSent(runId);
    assertThat(SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains(owner))).hasSize(1);
  }

  @Test
  void mailServerRefusingForNowIsTriedAgainUntilTheEmailIsSent() {
    String runId = newRunId();
    String owner = "busy-" + uniqueAddress();

    kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-busy", owner, Outcome.PASSED));

    awaitOneMailTo(owner);
    awaitSent(runId);
    // refused once, so at least two tries (a loaded machine may need one more: CI once counted 3);
    // however many tries it took, the owner gets one mail
    given()
        .queryParam("run", runId)
        .get("/api/v1/notifications")
        .then()
        .body("value[0].tries", greaterThanOrEqualTo(2))
        .body("value[0].lastError", nullValue());
    assertThat(SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains(owner))).hasSize(1);
  }

  @Test
  void infrastructureFailureIsNamedInTheSubject() {
    String runId = newRunId();
    String owner = uniqueAddress();

    kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-infra", owner, Outcome.INFRA_FAILED));

    SmtpSink.Message mail = awaitOneMailTo(owner);
    assertThat(mail.subject())
        .isEqualTo("[Gort] exp-infra: infrastructure failure")
        .doesNotContain("passed")
        .doesNotContain("failed:");
  }

  @Test
  void ownerWithoutEmailAddressGetsNoNotification() {
    String runId = newRunId();

    RecordMetadata sent =
        kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-nobody", null, Outcome.PASSED));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.consumed("notification-service", sent));
    given()
        .queryParam("run", runId)
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .body("value", hasSize(0));
    assertThat(kafka.values(Topics.deadLetter("notification-service"), runId)).isEmpty();
  }

  @Test
  void theNotificationIsConfirmedAndAgainForEveryRunFinishedButSentOnce() {
    String runId = newRunId();
    String owner = uniqueAddress();
    kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-confirm", owner, Outcome.FAILED));
    awaitOneMailTo(owner);
    awaitConfirmations(runId, 1);

    // the scheduler, missing the confirmation, sends the run's RunFinished again (a new event)
    kafka.publish(Topics.RUNS_FINISHED, finished(runId, "exp-confirm", owner, Outcome.FAILED));

    NotificationQueued again = awaitConfirmations(runId, 2).get(1);
    assertThat(again.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(again.detail()).isEqualTo("already queued");
    awaitSent(runId);
    assertThat(SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains(owner))).hasSize(1);
  }

  @Test
  void anOwnerSeesOnlyTheNotificationsOfItsOwnRuns() {
    String runId = newRunId();
    kafka.publish(
        Topics.RUNS_FINISHED, finished(runId, "exp-scoped", uniqueAddress(), Outcome.PASSED));
    awaitSent(runId);

    ApiTokens.as("alice", "owner")
        .get("/api/v1/notifications?run=" + runId)
        .then()
        .body("value", hasSize(1))
        .body("value[0].owner", equalTo("alice"));
    ApiTokens.as("bob", "owner")
        .get("/api/v1/notifications?run=" + runId)
        .then()
        .statusCode(200)
        .body("value", hasSize(0));
    ApiTokens.anonymous().get("/api/v1/notifications").then().statusCode(401);
  }

  private List<NotificationQueued> awaitConfirmations(String runId, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kafka.events(Topics.RUNS_STATUS, runId, NotificationQueued.class),
            c -> c.size() >= count);
  }

  private SmtpSink.Message awaitOneMailTo(String address) {
    List<SmtpSink.Message> mails =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    SmtpSink.messagesIn(spool).stream()
                        .filter(m -> m.to().contains(address))
                        .toList(),
                m -> !m.isEmpty());
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  private void awaitSent(String runId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .queryParam("run", runId)
                    .get("/api/v1/notifications")
                    .then()
                    .statusCode(200)
                    .body("value", hasSize(1))
                    .body("value[0].state", equalTo("SENT")));
  }

  private static String newRunId() {
    return "run-" + UUID.randomUUID();
  }

  private static String uniqueAddress() {
    return "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  private static Envelope finished(String runId, String experiment, String email, Outcome outcome) {
    return Envelope.of(
        "/gort/scheduler-service",
        new RunFinished(
            runId,
            experiment,
            "rev-1",
            "alice",
            email,
            outcome,
            2,
            "what happened, in one line",
            Instant.now(),
            "ops"),
        Instant.now());
  }
}
