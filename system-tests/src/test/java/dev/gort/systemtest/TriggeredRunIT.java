package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.GATEWAY;
import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static dev.gort.systemtest.GortStack.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000, flow "triggered", on the real stack: an owner requests a run, the sim runner runs it,
 * the worker evaluates, the scheduler finishes it, the owner gets one email. Plus the bad inputs
 * and faults of the foundation issue.
 */
class TriggeredRunIT {

  private static GortStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
  }

  @Test
  void triggeredRunPassesAndOwnerGetsOneEmail() throws Exception {
    String slug = newExperiment();

    Http.Answer accepted = requestRun(slug, null);

    assertThat(accepted.status()).isEqualTo(202);
    JsonNode run = accepted.json();
    String runId = run.path("id").asText();
    String operationId = run.path("operationId").asText();
    assertThat(accepted.header("Operation-Location"))
        .isEqualTo("/api/v1/operations/" + operationId);
    assertThat(accepted.header("Location")).endsWith("/api/v1/test-runs/" + runId);
    assertThat(run.path("state").asText()).isEqualTo("QUEUED");

    JsonNode finished = awaitFinished(runId);
    assertThat(finished.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(finished.path("attempts").asInt()).isEqualTo(1);
    assertThat(states(finished))
        .containsExactly("QUEUED", "RUNNING", "COMPLETED", "EVALUATING", "FINISHED");

    Http.Answer operation = Http.get(stack.url(SCHEDULER) + "/api/v1/operations/" + operationId);
    assertThat(operation.status()).isEqualTo(200);
    assertThat(operation.json().path("status").asText()).isEqualTo("succeeded");
    assertThat(operation.json().path("percentComplete").asInt()).isEqualTo(100);
    assertThat(operation.json().path("resourceLocation").asText())
        .isEqualTo("/api/v1/test-runs/" + runId);
    assertThat(operation.header("Retry-After")).isNull();

    List<JsonNode> mail = awaitMail(slug, 1);
    assertThat(mail.get(0).path("subject").asText()).contains(slug).contains("tests passed");
    assertThat(mail.get(0).path("body").asText()).contains(runId).contains("PASSED");
  }

  @Test
  void operationIsRunningWithRetryAfterWhileTheRunnerWorks() {
    String slug = newExperiment();
    scenario(slug, List.of("pass"), 3000);
    JsonNode run = requestRun(slug, null).json();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "RUNNING".equals(getRun(run.path("id").asText()).path("state").asText()));
    Http.Answer operation =
        Http.get(stack.url(SCHEDULER) + "/api/v1/operations/" + run.path("operationId").asText());

    assertThat(operation.json().path("status").asText()).isEqualTo("running");
    assertThat(operation.header("Retry-After")).isNotNull();
    assertThat(operation.json().has("resourceLocation")).isFalse();
    awaitFinished(run.path("id").asText());
  }

  @Test
  void failingTestsFinishFailedAndTheOwnerIsTold() {
    String slug = newExperiment();
    scenario(slug, List.of("fail"), 100);

    JsonNode run = requestRun(slug, null).json();

    JsonNode finished = awaitFinished(run.path("id").asText());
    assertThat(finished.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(finished.path("summary").asText()).contains("enrollment");
    JsonNode operation =
        Http.get(stack.url(SCHEDULER) + "/api/v1/operations/" + run.path("operationId").asText())
            .json();
    assertThat(operation.path("status").asText()).isEqualTo("succeeded");
    assertThat(awaitMail(slug, 1).get(0).path("subject").asText()).contains("tests failed");
  }

  @Test
  void unknownExperimentIs404Problem() {
    Http.Answer answer = requestRun("no-such-experiment-" + shortId(), null);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).contains("no-such-experiment");
  }

  @Test
  void secondRequestWhileUnfinishedIs409NamingTheRun() {
    String slug = newExperiment();
    scenario(slug, List.of("pass"), 3000);
    String first = requestRun(slug, null).json().path("id").asText();

    Http.Answer second = requestRun(slug, null);

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.header("Content-Type")).startsWith("application/problem+json");
    assertThat(second.json().path("unfinishedRun").asText()).isEqualTo(first);
    assertThat(second.json().path("detail").asText()).contains(first);
    awaitFinished(first);
    assertThat(requestRun(slug, null).status()).isEqualTo(202);
  }

  @Test
  void malformedJsonIs400AndCreatesNoRun() {
    String slug = newExperiment();

    Http.Answer answer =
        Http.post(stack.url(SCHEDULER) + "/api/v1/experiments/" + slug + "/test-runs", "{bad");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).contains("malformed JSON");
    assertThat(requestRun(slug, null).status())
        .as("the bad request left no unfinished run behind")
        .isEqualTo(202);
  }

  @Test
  void unknownTestRunAndOperationAre404() {
    assertThat(Http.get(stack.url(SCHEDULER) + "/api/v1/test-runs/nope").status()).isEqualTo(404);
    assertThat(Http.get(stack.url(SCHEDULER) + "/api/v1/operations/nope").status()).isEqualTo(404);
  }

  @Test
  void callbackWithMissingOrWrongSignatureIs401AndChangesNothing() {
    String slug = newExperiment();
    scenario(slug, List.of("pass"), 4000);
    String runId = requestRun(slug, null).json().path("id").asText();
    JsonNode job = awaitJob(slug);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "RUNNING".equals(getRun(runId).path("state").asText()));
    String callbackUrl = job.path("callbackUrl").asText();
    String body =
        Http.json(
            Map.of(
                "jobId",
                job.path("jobId").asText(),
                "runId",
                runId,
                "attempt",
                1,
                "status",
                "failed",
                "resultsUrl",
                "http://127.0.0.1:1/forged"));

    Http.Answer unsigned = Http.post(callbackUrl, body);
    Http.Answer forged =
        Http.post(callbackUrl, body, Map.of("X-Gort-Signature", "sha256=" + "0".repeat(64)));

    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
    assertThat(getRun(runId).path("state").asText()).isEqualTo("RUNNING");
    JsonNode finished = awaitFinished(runId);
    assertThat(finished.path("outcome").asText())
        .as("the forged 'failed' report was not taken")
        .isEqualTo("PASSED");
  }

  @Test
  void sameCallbackDeliveredTwiceGivesOneCompletionAndOneEmail() throws Exception {
    String slug = newExperiment();
    String runId = requestRun(slug, null).json().path("id").asText();
    awaitFinished(runId);
    awaitMail(slug, 1);
    String jobId = awaitJob(slug).path("jobId").asText();

    Http.Answer redelivered =
        Http.post(stack.url(SIMULATORS) + "/sim/runners/sim/jobs/" + jobId + "/redeliver", null);

    assertThat(redelivered.status()).isEqualTo(200);
    assertThat(redelivered.json().path("status").asInt())
        .as("the gateway recognised the duplicate")
        .isEqualTo(200);
    List<JsonNode> status = EventLog.eventsAbout(stack.kafkaBootstrap(), "gort.runs.status", runId);
    assertThat(EventLog.count(status, "dev.gort.run.completed.v1")).isEqualTo(1);
    assertThat(states(getRun(runId))).containsOnlyOnce("COMPLETED", "FINISHED");
    List<JsonNode> finished =
        EventLog.eventsAbout(stack.kafkaBootstrap(), "gort.runs.finished", runId);
    assertThat(finished).hasSize(1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> mailTo(slug).size() == 1);
  }

  @Test
  void workerKilledAfterTheCallbackStillFinishesTheRunOnce() throws Exception {
    stack.kill(WORKER);
    String runId;
    String slug = newExperiment();
    try {
      runId = requestRun(slug, null).json().path("id").asText();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "EVALUATING".equals(getRun(runId).path("state").asText()));
    } finally {
      stack.restart(WORKER);
    }

    JsonNode finished = awaitFinished(runId);

    assertThat(finished.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(states(finished)).containsOnlyOnce("FINISHED");
    assertThat(EventLog.eventsAbout(stack.kafkaBootstrap(), "gort.results.evaluated", runId).size())
        .isEqualTo(1);
    assertThat(awaitMail(slug, 1)).hasSize(1);
  }

  @Test
  void gatewayListsTheSimRunner() {
    JsonNode runners = Http.get(stack.url(GATEWAY) + "/api/v1/runners").json();
    assertThat(runners.path("value").findValuesAsText("code")).contains("sim");
  }

  // --- helpers -----------------------------------------------------------------------------

  /**
   * Not ready for test, so that the scheduler's poller leaves it to its owner: a ready experiment
   * would get a scheduled run within a poll and the owner's request a 409. Owners may trigger
   * experiments that are not ready.
   */
  private static String newExperiment() {
    String slug = "st-" + shortId();
    Http.Answer a =
        Http.post(
            stack.url(SIMULATORS) + "/sim/experiments",
            Http.json(
                Map.of(
                    "slug",
                    slug,
                    "owner",
                    "owner-" + slug,
                    "ownerEmail",
                    slug + "@example.com",
                    "ready",
                    false)));
    assertThat(a.status()).isEqualTo(200);
    return slug;
  }

  private static void scenario(String slug, List<String> attempts, int delayMs) {
    Http.Answer a =
        Http.put(
            stack.url(SIMULATORS) + "/sim/runners/sim/scenarios/" + slug,
            Http.json(Map.of("attempts", attempts, "delayMs", delayMs)));
    assertThat(a.status()).isEqualTo(200);
  }

  private static Http.Answer requestRun(String slug, String body) {
    return Http.post(stack.url(SCHEDULER) + "/api/v1/experiments/" + slug + "/test-runs", body);
  }

  private static JsonNode getRun(String runId) {
    return Http.get(stack.url(SCHEDULER) + "/api/v1/test-runs/" + runId).json();
  }

  private static JsonNode awaitFinished(String runId) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> getRun(runId), r -> "FINISHED".equals(r.path("state").asText()));
  }

  private static JsonNode awaitJob(String slug) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Http.get(stack.url(SIMULATORS) + "/sim/runners/sim/jobs?experiment=" + slug)
                    .json()
                    .path("value"),
            jobs -> jobs.size() > 0)
        .get(0);
  }

  private static List<JsonNode> mailTo(String slug) {
    List<JsonNode> mail = new ArrayList<>();
    Http.get(stack.url(SIMULATORS) + "/sim/mail?to=" + slug + "@example.com")
        .json()
        .path("value")
        .forEach(mail::add);
    return mail;
  }

  private static List<JsonNode> awaitMail(String slug, int count) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(slug), m -> m.size() >= count);
  }

  private static List<String> states(JsonNode run) {
    return run.path("history").findValuesAsText("state");
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
