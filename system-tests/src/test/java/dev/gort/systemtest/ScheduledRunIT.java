package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000, flows "Github Scheduler" and "Github Scheduler No Available Experiments", on the real
 * stack: the scheduler polls the simulated experiment source every second (GortStack sets {@code
 * GORT_POLL_INTERVAL=PT1S}); an experiment ready for test gets one run per revision, also with a
 * second scheduler replica polling the same database; a source that is down or answers garbage is
 * recorded as failed polls and polling recovers.
 */
class ScheduledRunIT {

  private static GortStack stack;
  private static StackClient gort;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  @Test
  void readyExperimentIsTestedOnceForItsRevision() throws Exception {
    String slug = "sched-" + StackClient.shortId();
    Instant upserted = Instant.now();
    String revision = upsert(slug, true, null).path("revision").asText();

    JsonNode run = awaitRunOf(slug, revision);
    JsonNode finished = gort.awaitFinished(run.path("id").asText());
    long millis = Duration.between(upserted, Instant.now()).toMillis();
    System.out.printf("scheduled run: upsert to FINISHED in %d ms%n", millis);

    assertThat(finished.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(finished.path("revision").asText()).isEqualTo(revision);
    assertThat(finished.path("history").findValuesAsText("state"))
        .containsExactly("QUEUED", "RUNNING", "COMPLETED", "EVALUATING", "FINISHED");
    assertThat(finished.path("history").get(0).path("reason").asText()).startsWith("scheduled");
    awaitPollsAfter(Instant.now(), 3);
    assertThat(runsPerRevision(slug)).isEqualTo(Map.of(revision, 1));
    JsonNode experiment = experiment(slug);
    assertThat(experiment.path("state").asText()).isEqualTo("IDLE");
    assertThat(experiment.path("lastOutcome").asText()).isEqualTo("PASSED");
    assertThat(experiment.path("lastRun").path("id").asText()).isEqualTo(run.path("id").asText());
    assertThat(gort.awaitMail(slug, 1)).isNotEmpty();
  }

  @Test
  void changedRevisionGetsASecondRun() throws Exception {
    String slug = "sched-" + StackClient.shortId();
    String first = upsert(slug, true, "first name").path("revision").asText();
    gort.awaitFinished(awaitRunOf(slug, first).path("id").asText());

    String second = upsert(slug, true, "second name").path("revision").asText();
    JsonNode secondRun = gort.awaitFinished(awaitRunOf(slug, second).path("id").asText());

    assertThat(second).isNotEqualTo(first);
    assertThat(secondRun.path("outcome").asText()).isEqualTo("PASSED");
    awaitPollsAfter(Instant.now(), 2);
    assertThat(runsPerRevision(slug)).isEqualTo(Map.of(first, 1, second, 1));
  }

  @Test
  void pollThatFindsNothingReadyIsRecordedAndStartsNothing() throws Exception {
    String slug = "sched-idle-" + StackClient.shortId();
    upsert(slug, false, null);
    Instant after = Instant.now();

    List<JsonNode> polls = awaitPollsAfter(after, 3);

    // the whole catalogue, not its first page of 50: the tests before this one add experiments
    int listed =
        Http.get(stack.url(SIMULATORS) + "/sim/experiments?$top=1000").json().path("value").size();
    assertThat(polls)
        .allSatisfy(p -> assertThat(p.path("status").asText()).isEqualTo("SUCCEEDED"))
        .anySatisfy(
            p -> {
              assertThat(p.path("runsCreated").asInt()).isZero();
              assertThat(p.path("experimentsSeen").asInt()).isEqualTo(listed);
            });
    JsonNode experiment = experiment(slug);
    assertThat(experiment.path("state").asText()).isEqualTo("IDLE");
    assertThat(experiment.path("readyForTest").asBoolean()).isFalse();
    assertThat(experiment.path("lastRun").isNull()).isTrue();
    assertThat(runsPerRevision(slug)).isEmpty();
    assertThat(runRequestsFor(slug)).as("RunRequested events for " + slug).isZero();
  }

  @Test
  void sourceDownOrGarbageIsAFailedPollWithTheReasonThenPollingRecovers() throws Exception {
    String slug = "sched-outage-" + StackClient.shortId();
    String revision;
    try {
      sourceMode("down");
      Instant down = Instant.now();
      JsonNode failed = awaitPollAfter(down, p -> "FAILED".equals(p.path("status").asText()));
      assertThat(failed.path("reason").asText()).contains("503");
      Http.Answer experiments = Http.get(stack.url(SCHEDULER) + "/api/v1/experiments");
      assertThat(experiments.status())
          .as("the API answers while the source is down")
          .isEqualTo(200);
      assertThat(experiments.json().path("lastPoll").path("status").asText()).isEqualTo("FAILED");
      revision = upsert(slug, true, null).path("revision").asText();

      sourceMode("garbage");
      Instant garbage = Instant.now();
      JsonNode unreadable =
          awaitPollAfter(
              garbage,
              p ->
                  "FAILED".equals(p.path("status").asText())
                      && p.path("reason").asText().contains("malformed JSON"));
      assertThat(unreadable.path("reason").asText())
          .startsWith("the experiment source answered malformed JSON");
      assertThat(runsPerRevision(slug)).isEmpty();
    } finally {
      sourceMode("ok");
    }
    Instant back = Instant.now();

    JsonNode run = gort.awaitFinished(awaitRunOf(slug, revision).path("id").asText());

    System.out.printf(
        "scheduled run after the source came back: FINISHED in %d ms%n",
        Duration.between(back, Instant.now()).toMillis());
    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(awaitPollAfter(back, p -> "SUCCEEDED".equals(p.path("status").asText())))
        .isNotNull();
  }

  @Test
  void twoSchedulerReplicasPollingTogetherCreateOneRunPerRevision() throws Exception {
    try (GortStack.Instance replica = stack.startExtra(SCHEDULER)) {
      Instant started = Instant.now();
      Map<String, String> firstRevisions = new LinkedHashMap<>();
      for (int i = 0; i < 6; i++) {
        String slug = "sched-replica-" + StackClient.shortId();
        firstRevisions.put(slug, upsert(slug, true, "first").path("revision").asText());
      }
      for (Map.Entry<String, String> e : firstRevisions.entrySet()) {
        gort.awaitFinished(awaitRunOf(e.getKey(), e.getValue()).path("id").asText());
      }
      Map<String, String> secondRevisions = new LinkedHashMap<>();
      for (String slug : firstRevisions.keySet()) {
        secondRevisions.put(slug, upsert(slug, true, "second").path("revision").asText());
      }
      for (Map.Entry<String, String> e : secondRevisions.entrySet()) {
        gort.awaitFinished(awaitRunOf(e.getKey(), e.getValue()).path("id").asText());
      }
      awaitPollsAfter(Instant.now(), 4);

      Set<String> instances = new HashSet<>();
      for (JsonNode p : pollsSince(started)) {
        instances.add(p.path("instance").asText());
      }
      assertThat(instances).as("both replicas polled").hasSizeGreaterThanOrEqualTo(2);
      for (String slug : firstRevisions.keySet()) {
        assertThat(runsPerRevision(slug))
            .as(slug)
            .isEqualTo(Map.of(firstRevisions.get(slug), 1, secondRevisions.get(slug), 1));
      }
      Http.Answer fromReplica = Http.get(replica.url() + "/api/v1/experiments?$top=1000");
      assertThat(fromReplica.status()).isEqualTo(200);
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private static JsonNode upsert(String slug, boolean ready, String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("slug", slug);
    body.put("owner", "owner-" + slug);
    body.put("ownerEmail", slug + "@example.com");
    body.put("ready", ready);
    if (name != null) {
      body.put("name", name);
    }
    Http.Answer a = Http.post(stack.url(SIMULATORS) + "/sim/experiments", Http.json(body));
    assertThat(a.status()).isEqualTo(200);
    return a.json();
  }

  private static void sourceMode(String mode) {
    Http.Answer a =
        Http.put(
            stack.url(SIMULATORS) + "/sim/experiment-source/mode", Http.json(Map.of("mode", mode)));
    assertThat(a.status()).isEqualTo(200);
  }

  private static JsonNode experiment(String slug) {
    for (JsonNode e :
        Http.get(stack.url(SCHEDULER) + "/api/v1/experiments?$top=1000").json().path("value")) {
      if (slug.equals(e.path("slug").asText())) {
        return e;
      }
    }
    throw new AssertionError(slug + " is not listed by the scheduler");
  }

  /** The run of {@code slug} at {@code revision}, once a poll created it. */
  private static JsonNode awaitRunOf(String slug, String revision) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> experiment(slug).path("lastRun"),
            r -> revision.equals(r.path("revision").asText()));
  }

  /** Polls started after {@code after}, oldest first, once there are at least {@code count}. */
  private static List<JsonNode> awaitPollsAfter(Instant after, int count) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> pollsSince(after), p -> p.size() >= count);
  }

  private static JsonNode awaitPollAfter(
      Instant after, java.util.function.Predicate<JsonNode> matching) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> pollsSince(after).stream().filter(matching).findFirst().orElse(null),
            p -> p != null);
  }

  private static List<JsonNode> pollsSince(Instant after) {
    List<JsonNode> polls = new ArrayList<>();
    for (JsonNode p :
        Http.get(stack.url(SCHEDULER) + "/api/v1/experiments/polls?$top=1000")
            .json()
            .path("value")) {
      if (Instant.parse(p.path("startedDateTime").asText()).isAfter(after)) {
        polls.add(0, p);
      }
    }
    return polls;
  }

  /** Runs per revision of {@code slug}, as the scheduler lists them. */
  private static Map<String, Integer> runsPerRevision(String slug) {
    Map<String, Integer> runs = new TreeMap<>();
    for (JsonNode run :
        Http.get(stack.url(SCHEDULER) + "/api/v1/test-runs?$top=1000&experiment=" + slug)
            .json()
            .path("value")) {
      runs.merge(run.path("revision").asText(), 1, Integer::sum);
    }
    return runs;
  }

  private static long runRequestsFor(String slug) throws Exception {
    long count = 0;
    for (ConsumerRecord<String, String> r :
        KafkaTestClient.readAll(stack.kafkaBootstrap(), "gort.runs.requested")) {
      if (r.value().contains("\"" + slug + "\"")) {
        count++;
      }
    }
    return count;
  }
}
