package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.testsupport.KafkaTestClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 11's "exactly one message per channel", on the real stack: a run's {@code RunFinished}
 * delivered again (as published, and re-sent under a new event id as the stall detector does), two
 * notifier replicas sharing the work, and a notifier killed (SIGKILL) while the mail server holds
 * its acknowledgement of the mail. Each owner gets one mail; after the kill the mail goes out again
 * once the send's lease lapses, under the same Message-ID, so the mail server sees one message
 * twice. The SMTP sink folds copies by Message-ID and counts them ({@code timesReceived}).
 *
 * <p>Leaves the stack whole: the extra replica stopped, the notifier running and consuming again (a
 * killed consumer holds its partitions for Kafka's 45 s session timeout; each test ends by waiting
 * for a new run's mail).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotifierExactlyOnceIT {

  private static final int REPLICA_RUNS = 20;
  private static final String FINISHED_TOPIC = "gort.runs.finished";
  private static final String STATUS_TOPIC = "gort.runs.status";

  private static GortStack stack;
  private static StackClient gort;

  /** A run requested to learn when the notifier takes new runs again; null: none yet. */
  private String canary;

  private long canaryRequested;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  /** Whatever happened: the notifier running, and taking new runs, before the next test. */
  @AfterEach
  void restoreTheNotifier() throws Exception {
    stack.restoreStopped();
    if (canary == null) {
      requestCanary();
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> gort.mailTo(canary).size() == 1);
    report("notifier: a new run mailed (after test)", canaryRequested);
    canary = null;
  }

  @Test
  @Order(1)
  void runFinishedDeliveredAgainGivesNoSecondMail() throws Exception {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("pass"), 100);
    String runId = requestRun(slug);
    gort.awaitFinished(runId);
    JsonNode sent = awaitSent(runId);

    try (KafkaTestClient kafka = new KafkaTestClient(stack.kafkaBootstrap())) {
      List<String> finished = kafka.values(FINISHED_TOPIC, runId);
      assertThat(finished).as("the scheduler's RunFinished of " + runId).hasSize(1);
      // the same event again (a redelivery: the inbox knows its id) ...
      kafka.publish(FINISHED_TOPIC, runId, finished.get(0));
      // ... and a RunFinished sent again under a new id, as the stall detector sends it
      ObjectNode again = (ObjectNode) Http.JSON.readTree(finished.get(0));
      again.put("id", UUID.randomUUID().toString());
      kafka.publish(FINISHED_TOPIC, runId, again.toString());
    }
    long republished = System.nanoTime();

    // the notifier confirms again (after the first, in the partition's order) ...
    List<JsonNode> confirmations =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> confirmations(runId), c -> c.size() >= 2);
    assertThat(confirmations).hasSize(2);
    assertThat(confirmations.get(1).path("data").path("detail").asText())
        .isEqualTo("already queued");
    assertThat(confirmations.get(1).path("data").path("notifications").asInt()).isEqualTo(1);
    long confirmed = System.nanoTime();

    // ... and queues nothing: one notification, one mail, received once
    await()
        .during(Duration.ofSeconds(3))
        // one look asks the sink once per owner: on a loaded machine a look takes seconds
        .atMost(Duration.ofSeconds(60))
        .until(() -> gort.mailTo(slug).size() == 1 && gort.notifications(runId).size() == 1);
    JsonNode mail = gort.mailTo(slug).get(0);
    assertThat(mail.path("timesReceived").asInt()).isEqualTo(1);
    assertThat(mail.path("messageId").asText()).isEqualTo(messageIdOf(sent));
    assertThat(gort.notifications(runId).get(0).path("id").asText())
        .isEqualTo(sent.path("id").asText());
    report("notifier: RunFinished twice more, confirmed", republished, confirmed);
    report("notifier: RunFinished twice more, one mail", started);
  }

  @Test
  @Order(2)
  void twoNotifierReplicasSendEachOwnerOneMail() throws Exception {
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < REPLICA_RUNS; i++) {
      String slug = gort.newExperiment(false);
      gort.scenario(slug, List.of("pass"), 100);
      slugs.add(slug);
    }
    long started = System.nanoTime();
    try (GortStack.Instance extra = stack.startExtra(GortStack.NOTIFIER)) {
      long extraReady = System.nanoTime();
      report("notifier: second replica ready", started, extraReady);
      // requested at once: the second replica's join may still be rebalancing the partitions
      List<String> runIds = slugs.stream().map(NotifierExactlyOnceIT::requestRun).toList();
      for (String runId : runIds) {
        JsonNode run = gort.awaitState(runId, "FINISHED", Duration.ofMinutes(2));
        assertThat(run.path("outcome").asText()).as(runId).isEqualTo("PASSED");
      }
      for (String slug : slugs) {
        gort.awaitMail(slug, 1);
      }
      long allMailed = System.nanoTime();

      // a second mail would have come by now: both replicas send due mail every 200 ms
      await()
          .during(Duration.ofSeconds(3))
          // one look asks the sink once per owner (20 of them): on a loaded machine it takes
          // seconds
          .atMost(Duration.ofSeconds(60))
          .until(() -> slugs.stream().allMatch(NotifierExactlyOnceIT::mailedOnce));
      List<String> notificationIds = new ArrayList<>();
      for (String runId : runIds) {
        List<JsonNode> notifications = gort.notifications(runId);
        assertThat(notifications).as("notifications of " + runId).hasSize(1);
        assertThat(notifications.get(0).path("state").asText()).isEqualTo("SENT");
        notificationIds.add(notifications.get(0).path("id").asText());
      }

      // each sent once, by one of the two
      String first = Files.readString(stack.log(GortStack.NOTIFIER));
      String second = Files.readString(stack.log(extra.name()));
      int byFirst = 0;
      int bySecond = 0;
      for (String id : notificationIds) {
        int a = sentLines(first, id);
        int b = sentLines(second, id);
        assertThat(a + b).as("times notification " + id + " was recorded sent").isEqualTo(1);
        byFirst += a;
        bySecond += b;
      }
      System.out.printf(
          "notifier replicas: %d mails, %d sent by the first, %d by the second%n",
          REPLICA_RUNS, byFirst, bySecond);
      report("notifier: 20 runs, 2 replicas, all mailed", extraReady, allMailed);
    }
    report("notifier: 2 replicas, with start and stop", started);
  }

  @Test
  @Order(3)
  void notifierKilledMidSendSendsTheMailAgainUnderTheSameMessageId() throws Exception {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false, null, "slow-{slug}@example.com");
    String address = "slow-" + slug + "@example.com";
    gort.scenario(slug, List.of("pass"), 100);
    String runId = requestRun(slug);

    // the sink has the mail but holds its "250": the notifier waits (its send timeout is 3 s)
    JsonNode held =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> gort.mailAt(address), m -> !m.isEmpty())
            .get(0);
    long mailSeen = System.nanoTime();
    List<JsonNode> pending = gort.notifications(runId);
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).path("state").asText()).isEqualTo("PENDING");
    stack.kill(GortStack.NOTIFIER);
    Instant killedAt = Instant.now();
    long killed = System.nanoTime();
    assertThat(held.path("messageId").asText()).isEqualTo(messageIdOf(pending.get(0)));

    stack.restart(GortStack.NOTIFIER);
    long restarted = System.nanoTime();
    // the killed consumer holds the notifier's partitions for up to 45 s: learn when that ends
    requestCanary();

    // once the lease (2 × 3 s from the claim) lapses, the restarted notifier sends it again
    JsonNode sent = awaitSent(runId);
    long resent = System.nanoTime();
    await()
        .during(Duration.ofSeconds(3))
        // one look asks the sink once per owner: on a loaded machine a look takes seconds
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> gort.mailAt(address),
            m -> m.size() == 1 && m.get(0).path("timesReceived").asInt() == 2);
    assertThat(gort.notifications(runId)).hasSize(1);
    assertThat(sent.path("id").asText()).isEqualTo(pending.get(0).path("id").asText());
    assertThat(sent.path("tries").asInt()).as("the killed try and the one after it").isEqualTo(2);
    assertThat(Instant.parse(sent.path("sentDateTime").asText()))
        .as("sent by the restarted notifier, not the killed one after giving up waiting")
        .isAfter(killedAt);
    // one message at the mail server under the notification's Message-ID, received twice: before
    // the kill and once more after it (a third copy would be a second resend)
    List<JsonNode> mail = gort.mailAt(address);
    assertThat(mail).hasSize(1);
    assertThat(mail.get(0).path("messageId").asText()).isEqualTo(messageIdOf(sent));
    assertThat(mail.get(0).path("timesReceived").asInt()).isEqualTo(2);

    report("notifier: mail held, notifier killed after", mailSeen, killed);
    report("notifier: restarted after kill -9", killed, restarted);
    report("notifier: kill -9 to the mail sent again", killed, resent);
    report("notifier: killed mid-send, one message", started);
  }

  private static boolean mailedOnce(String slug) {
    List<JsonNode> mail = gort.mailTo(slug);
    return mail.size() == 1 && mail.get(0).path("timesReceived").asInt() == 1;
  }

  /** The one notification of {@code runId}, once it is SENT. */
  private static JsonNode awaitSent(String runId) {
    List<JsonNode> notifications =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> gort.notifications(runId),
                n -> !n.isEmpty() && n.get(0).path("state").asText().equals("SENT"));
    assertThat(notifications).hasSize(1);
    return notifications.get(0);
  }

  /** The email's Message-ID of {@code notification}: {@code <delivery id@gort>}. */
  private static String messageIdOf(JsonNode notification) {
    return "<" + notification.path("deliveryId").asText() + "@gort>";
  }

  /** The notifier's {@code NotificationQueued} events of {@code runId}, oldest first. */
  private static List<JsonNode> confirmations(String runId) throws Exception {
    return EventLog.eventsAbout(stack.kafkaBootstrap(), STATUS_TOPIC, runId).stream()
        .filter(e -> e.path("type").asText().equals("dev.gort.run.notification-queued.v1"))
        .toList();
  }

  /** How often {@code log} says notification {@code id} was sent. */
  private static int sentLines(String log, String id) {
    Matcher m = Pattern.compile("notification " + Pattern.quote(id) + " sent").matcher(log);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private void requestCanary() {
    canary = gort.newExperiment(false);
    gort.scenario(canary, List.of("pass"), 100);
    canaryRequested = System.nanoTime();
    requestRun(canary);
  }

  private static String requestRun(String slug) {
    Http.Answer requested = gort.requestRun(slug, null);
    assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
    return requested.json().path("id").asText();
  }

  private static void report(String flow, long startedNanos) {
    report(flow, startedNanos, System.nanoTime());
  }

  private static void report(String flow, long startedNanos, long endedNanos) {
    System.out.printf("flow timing: %-44s %6d ms%n", flow, (endedNanos - startedNanos) / 1_000_000);
  }
}
