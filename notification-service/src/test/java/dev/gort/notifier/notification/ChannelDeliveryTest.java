package dev.gort.notifier.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.NotificationQueued;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.Topics;
import dev.gort.common.signature.HmacSignature;
import dev.gort.common.testing.KafkaEvents;
import dev.gort.notifier.testing.HookServer;
import dev.gort.notifier.testing.HookServerPort;
import dev.gort.notifier.testing.SmtpSink;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 over real Kafka, PostgreSQL, SMTP and HTTP: the channels an owner chose, each sent once
 * per run outcome under a stable delivery id, retried when the failure can pass, failed at once
 * when it cannot; and the list of what was sent.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SmtpSink.class)
@QuarkusTestResource(HookServerPort.class)
class ChannelDeliveryTest {

  private static final String SECRET = "test-webhook-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The owners' chat and generic webhooks, on the one loopback port the guard allows. */
  private static HookServer hooks;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = SmtpSink.SPOOL)
  Path spool;

  @ConfigProperty(name = HookServerPort.PORT)
  int hookPort;

  KafkaEvents kafka;

  @BeforeEach
  void connect() {
    ApiTokens.callAsOperator();
    kafka = new KafkaEvents(bootstrap);
    if (hooks == null) {
      hooks = new HookServer(hookPort);
    }
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @AfterAll
  static void stopHooks() {
    if (hooks != null) {
      hooks.close();
      hooks = null;
    }
  }

  @Test
  void anEmailHasTextAndEscapedHtmlAndTheSameMessageIdWhenSentAgain() {
    String owner = newOwner();
    String runId = newRunId();
    // the mail server takes the first copy but the answer is lost: the notifier sends it again
    String address = "lost-ack-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

    kafka.publish(
        Topics.RUNS_FINISHED,
        finished(
            runId,
            owner,
            address,
            Outcome.FAILED,
            "2 of 3 failed: <script>alert('x')</script> & \"more\"\nReport: http://evil.example"));

    awaitMails(address, 2);
    JsonPath sent = awaitState(runId, "SENT").get(0);
    String deliveryId = sent.getString("deliveryId");
    // a loaded machine may need a try more; however many, every copy is the same message
    assertThat(sent.getInt("tries")).isGreaterThanOrEqualTo(2);
    List<SmtpSink.Message> copies = awaitMails(address, 2);
    assertThat(copies)
        .extracting(SmtpSink.Message::messageId)
        .containsOnly("<" + deliveryId + "@gort>");

    SmtpSink.Message mail = copies.get(1);
    assertThat(mail.headers().get("content-type")).startsWith("multipart/alternative");
    assertThat(mail.text())
        .contains("The tests failed: 2 of 3 failed: <script>alert('x')</script> & \"more\"")
        .contains("Outcome:  FAILED (tests failed)")
        .contains("Run:      http://scheduler.test/api/v1/test-runs/" + runId)
        .contains("Report:   http://reports.test/api/v1/reports?run=" + runId)
        .as("a line break in the summary cannot forge a line")
        .doesNotContain("\nReport: http://evil.example");
    assertThat(mail.html())
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
        .doesNotContain("<script>")
        .contains("<a href=\"http://reports.test/api/v1/reports?run=" + runId + "\">");
  }

  @Test
  void chatAndWebhookGetTheRunAsJsonAndTheWebhookASignatureOverTheBody() {
    String owner = newOwner();
    String runId = newRunId();
    String chatPath = "/ok/chat-" + runId;
    String hookPath = "/ok/hook-" + runId;
    putPreferences(
        owner,
        Map.of(
            "channels",
            List.of(
                Map.of("type", "chat", "url", hooks.url(chatPath)),
                Map.of("type", "webhook", "url", hooks.url(hookPath)))));

    kafka.publish(
        Topics.RUNS_FINISHED,
        finished(runId, owner, uniqueAddress(), Outcome.FAILED, "1 failed <!channel> & more"));

    List<JsonPath> sent = awaitState(runId, "SENT", 2);
    assertThat(sent)
        .extracting(n -> n.getString("channel"))
        .containsExactlyInAnyOrder("chat", "webhook");
    HookServer.Request chat = awaitRequests(chatPath, 1).get(0);
    JsonNode message = json(chat.text());
    assertThat(chat.headers()).containsEntry("content-type", "application/json");
    assertThat(message.path("text").asText()).isEqualTo("[Gort] exp-channels: tests failed");
    assertThat(message.path("blocks")).hasSize(3);
    for (JsonNode block : message.path("blocks")) {
      assertThat(block.path("type").asText()).isEqualTo("section");
      assertThat(block.path("text").path("type").asText()).isEqualTo("mrkdwn");
    }
    assertThat(message.path("blocks").get(0).path("text").path("text").asText())
        .contains("1 failed &lt;!channel&gt; &amp; more")
        .doesNotContain("<!channel>");
    assertThat(message.path("blocks").get(2).path("text").path("text").asText())
        .isEqualTo(
            "<http://scheduler.test/api/v1/test-runs/"
                + runId
                + "|The run> \u00b7 <http://reports.test/api/v1/reports?run="
                + runId
                + "|Its report>");

    HookServer.Request hook = awaitRequests(hookPath, 1).get(0);
    String deliveryId =
        sent.stream()
            .filter(n -> n.getString("channel").equals("webhook"))
            .findFirst()
            .orElseThrow()
            .getString("deliveryId");
    assertThat(hook.headers())
        .containsEntry("x-gort-delivery", deliveryId)
        .containsEntry("content-type", "application/json");
    assertThat(HmacSignature.verify(SECRET, hook.body(), hook.headers().get("x-gort-signature")))
        .as("X-Gort-Signature is sha256=<HMAC of the raw body>")
        .isTrue();
    assertThat(
            HmacSignature.verify(
                "another secret", hook.body(), hook.headers().get("x-gort-signature")))
        .isFalse();
    JsonNode doc = json(hook.text());
    assertThat(doc.path("deliveryId").asText()).isEqualTo(deliveryId);
    assertThat(doc.path("run").asText()).isEqualTo(runId);
    assertThat(doc.path("experiment").asText()).isEqualTo("exp-channels");
    assertThat(doc.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(doc.path("summary").asText()).isEqualTo("1 failed <!channel> & more");
    assertThat(doc.path("reportUrl").asText())
        .isEqualTo("http://reports.test/api/v1/reports?run=" + runId);
    assertThat(doc.path("runUrl").asText())
        .isEqualTo("http://scheduler.test/api/v1/test-runs/" + runId);
    assertThat(SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains(owner))).isEmpty();
  }

  @Test
  void aServerErrorIsTriedAgainUntilTheWebhookTakesIt() {
    String owner = newOwner();
    String runId = newRunId();
    String path = "/flaky/" + runId;
    putPreferences(
        owner, Map.of("channels", List.of(Map.of("type", "webhook", "url", hooks.url(path)))));

    kafka.publish(Topics.RUNS_FINISHED, finished(runId, owner, null, Outcome.PASSED, "ok"));

    JsonPath sent = awaitState(runId, "SENT").get(0);
    assertThat(sent.getInt("tries")).isGreaterThanOrEqualTo(2);
    assertThat(sent.getString("lastError")).isNull();
    List<HookServer.Request> tries = hooks.requestsTo(path);
    assertThat(tries).hasSizeGreaterThanOrEqualTo(2);
    assertThat(tries)
        .extracting(r -> r.headers().get("x-gort-delivery"))
        .containsOnly(sent.getString("deliveryId"));
    assertThat(tries.get(1).text()).isEqualTo(tries.get(0).text());
  }

  @Test
  void aLostAnswerIsPostedAgainUnderTheSameDeliveryIdAndBody() {
    String owner = newOwner();
    String runId = newRunId();
    String path = "/lost/" + runId;
    putPreferences(
        owner, Map.of("channels", List.of(Map.of("type", "webhook", "url", hooks.url(path)))));

    kafka.publish(Topics.RUNS_FINISHED, finished(runId, owner, null, Outcome.TIMED_OUT, "late"));

    JsonPath sent = awaitState(runId, "SENT").get(0);
    List<HookServer.Request> tries = hooks.requestsTo(path);
    assertThat(tries).hasSizeGreaterThanOrEqualTo(2);
    assertThat(tries.get(0).headers().get("x-gort-delivery"))
        .isEqualTo(tries.get(1).headers().get("x-gort-delivery"))
        .isEqualTo(sent.getString("deliveryId"));
    assertThat(tries.get(0).body()).isEqualTo(tries.get(1).body());
  }

  @Test
  void aClientErrorFailsTheNotificationAtOnceWithTheReason() {
    String owner = newOwner();
    String runId = newRunId();
    String path = "/bad/" + runId;
    putPreferences(
        owner, Map.of("channels", List.of(Map.of("type", "chat", "url", hooks.url(path)))));

    kafka.publish(Topics.RUNS_FINISHED, finished(runId, owner, null, Outcome.PASSED, "ok"));

    JsonPath failed = awaitState(runId, "FAILED").get(0);
    assertThat(failed.getInt("tries")).isEqualTo(1);
    assertThat(failed.getString("lastError"))
        .isEqualTo("chat message could not be delivered to 127.0.0.1 (answered 400)");
    assertThat(failed.getString("sentDateTime")).isNull();
    assertThat(hooks.requestsTo(path)).hasSize(1);
  }

  @Test
  void preferencesForFailedRunsOnlySendNothingAboutAPassedRun() {
    String owner = newOwner();
    String address = uniqueAddress();
    putPreferences(
        owner,
        Map.of(
            "channels", List.of(Map.of("type", "email", "address", address)),
            "outcomes", List.of("FAILED", "INFRA_FAILED")));
    String passed = newRunId();
    String failed = newRunId();

    kafka.publish(
        Topics.RUNS_FINISHED, finished(passed, owner, "ignored@example.org", Outcome.PASSED, "ok"));
    NotificationQueued none = awaitConfirmation(passed);
    kafka.publish(
        Topics.RUNS_FINISHED, finished(failed, owner, "ignored@example.org", Outcome.FAILED, "no"));

    assertThat(none.notifications()).isZero();
    assertThat(none.detail())
        .isEqualTo("the owner's preferences ask for no notification of PASSED");
    given().queryParam("run", passed).get("/api/v1/notifications").then().body("value", hasSize(0));
    awaitState(failed, "SENT");
    assertThat(awaitMails(address, 1).get(0).subject())
        .isEqualTo("[Gort] exp-channels: tests failed");
    assertThat(
            SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains("ignored@example.org")))
        .isEmpty();
  }

  @Test
  void runFinishedDeliveredTwiceAndSentAgainSendsOneMessagePerChannel() {
    String owner = newOwner();
    String runId = newRunId();
    String address = uniqueAddress();
    String chatPath = "/ok/twice-chat-" + runId;
    String hookPath = "/ok/twice-hook-" + runId;
    putPreferences(
        owner,
        Map.of(
            "channels",
            List.of(
                Map.of("type", "email"),
                Map.of("type", "chat", "url", hooks.url(chatPath)),
                Map.of("type", "webhook", "url", hooks.url(hookPath)))));
    Envelope event = finished(runId, owner, address, Outcome.CANCELLED, "cancelled by " + owner);

    RecordMetadata first = kafka.publish(Topics.RUNS_FINISHED, event);
    RecordMetadata second = kafka.publish(Topics.RUNS_FINISHED, event);
    // the scheduler's stall detector sends the run's RunFinished again, under a new event id
    RecordMetadata again =
        kafka.publish(
            Topics.RUNS_FINISHED,
            finished(runId, owner, address, Outcome.CANCELLED, "cancelled by " + owner));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.consumed("notification-service", first, second, again));
    awaitState(runId, "SENT", 3);
    assertThat(awaitMails(address, 1)).hasSize(1);
    assertThat(hooks.requestsTo(chatPath)).hasSize(1);
    assertThat(hooks.requestsTo(hookPath)).hasSize(1);
    assertThat(SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains(address)))
        .hasSize(1);
    List<NotificationQueued> confirmations =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RUNS_STATUS, runId, NotificationQueued.class),
                c -> c.size() >= 2);
    assertThat(confirmations.get(0).detail()).isEqualTo("email, chat, webhook queued");
    assertThat(confirmations.get(1).detail()).isEqualTo("already queued");
    assertThat(confirmations.get(1).notifications()).isEqualTo(3);
  }

  @Test
  void theListFiltersByRunOwnerAndStateAndPagesAndShowsWebhookUrlsWholeToTheirOwnerOnly() {
    String owner = newOwner();
    String address = uniqueAddress();
    String badUrl = hooks.url("/bad/list-" + owner + "?token=s3cret");
    putPreferences(
        owner,
        Map.of(
            "channels",
            List.of(
                Map.of("type", "email", "address", address),
                Map.of("type", "webhook", "url", badUrl))));
    String older = newRunId();
    String newer = newRunId();
    kafka.publish(Topics.RUNS_FINISHED, finished(older, owner, null, Outcome.FAILED, "no"));
    awaitState(older, "SENT", 1, "email");
    awaitState(older, "FAILED", 1, "webhook");
    kafka.publish(Topics.RUNS_FINISHED, finished(newer, owner, null, Outcome.FAILED, "no"));
    awaitState(newer, "SENT", 1, "email");
    awaitState(newer, "FAILED", 1, "webhook");

    JsonPath firstPage =
        ApiTokens.as(owner, "owner")
            .queryParam("owner", owner)
            .queryParam("state", "failed")
            .queryParam("$top", 1)
            .get("/api/v1/notifications")
            .then()
            .statusCode(200)
            .body("value", hasSize(1))
            .body("value[0].run", equalTo(newer))
            .body("value[0].channel", equalTo("webhook"))
            .body("value[0].destination", equalTo(badUrl))
            .body("value[0].state", equalTo("FAILED"))
            .body("value[0].deliveryId", notNullValue())
            .body("value[0].lastError", containsString("answered 400"))
            .body("nextLink", containsString("state=failed"))
            .extract()
            .jsonPath();
    String next = firstPage.getString("nextLink");
    assertThat(next)
        .isEqualTo("/api/v1/notifications?owner=" + owner + "&state=failed&$top=1&$skip=1");
    ApiTokens.as(owner, "owner")
        .urlEncodingEnabled(false)
        .get(next)
        .then()
        .statusCode(200)
        .body("value", hasSize(1))
        .body("value[0].run", equalTo(older))
        .body("nextLink", nullValue());
    ApiTokens.as(owner, "owner")
        .queryParam("owner", owner)
        .queryParam("state", "SENT")
        .get("/api/v1/notifications")
        .then()
        .body("value", hasSize(2))
        .body("value.channel", org.hamcrest.Matchers.everyItem(equalTo("email")))
        .body("value[0].destination", equalTo(address));
    // an operator sees a webhook's origin only: its path and query may hold the hook's credential
    given()
        .queryParam("run", older)
        .queryParam("state", "failed")
        .get("/api/v1/notifications")
        .then()
        .body("value", hasSize(1))
        .body("value[0].destination", equalTo("http://127.0.0.1:" + hookPort + "/…"));
    // another owner asking for this owner's notifications sees none
    ApiTokens.as("someone-else", "owner")
        .queryParam("owner", owner)
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .body("value", hasSize(0));
    given()
        .queryParam("state", "delivered")
        .get("/api/v1/notifications")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", equalTo("state 'delivered' is not one of pending, sent, failed"))
        .body("parameter", equalTo("state"));
  }

  // --- helpers

  private static void putPreferences(String owner, Map<String, Object> body) {
    ApiTokens.as(owner, "owner")
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/owners/" + owner + "/preferences")
        .then()
        .statusCode(200)
        .body("stored", equalTo(true));
  }

  private List<JsonPath> awaitState(String runId, String state) {
    return awaitState(runId, state, 1);
  }

  private List<JsonPath> awaitState(String runId, String state, int count) {
    return awaitState(runId, state, count, null);
  }

  /**
   * The run's notifications once {@code count} of them (on {@code channel}) are in {@code state}.
   */
  private List<JsonPath> awaitState(String runId, String state, int count, String channel) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonPath page =
                  given()
                      .queryParam("run", runId)
                      .queryParam("state", state)
                      .get("/api/v1/notifications")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              List<Map<String, Object>> values = page.getList("value");
              return values.stream()
                  .filter(v -> channel == null || channel.equals(v.get("channel")))
                  .map(v -> new JsonPath(write(v)))
                  .toList();
            },
            found -> found.size() == count);
  }

  private List<SmtpSink.Message> awaitMails(String address, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                SmtpSink.messagesIn(spool).stream().filter(m -> m.to().contains(address)).toList(),
            m -> m.size() >= count);
  }

  private static List<HookServer.Request> awaitRequests(String path, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hooks.requestsTo(path), r -> r.size() >= count);
  }

  private NotificationQueued awaitConfirmation(String runId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kafka.events(Topics.RUNS_STATUS, runId, NotificationQueued.class),
            c -> !c.isEmpty())
        .get(0);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String newRunId() {
    return "run-" + UUID.randomUUID();
  }

  static String newOwner() {
    return "owner-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String uniqueAddress() {
    return "mail-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  private static Envelope finished(
      String runId, String owner, String email, Outcome outcome, String summary) {
    return Envelope.of(
        "/gort/scheduler-service",
        new RunFinished(
            runId,
            "exp-channels",
            "rev-1",
            owner,
            email,
            outcome,
            1,
            summary,
            Instant.now(),
            owner),
        Instant.now());
  }
}
