package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.GATEWAY;
import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static dev.gort.systemtest.GortStack.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000, flow "triggered", on the real stack: an owner requests a run, the sim runner runs it,
 * the worker evaluates, the scheduler finishes it, the owner gets one email. Plus the bad inputs
 * and faults of the foundation issue.
 */
class TriggeredRunIT {

  private static GortStack stack;
  private static StackClient gort;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  @Test
  void triggeredRunPassesAndOwnerGetsOneEmail() throws Exception {
    String slug = gort.newExperiment(false);

    Http.Answer accepted = gort.requestRun(slug, null);

    assertThat(accepted.status()).isEqualTo(202);
    JsonNode run = accepted.json();
    String runId = run.path("id").asText();
    String operationId = run.path("operationId").asText();
    assertThat(accepted.header("Operation-Location"))
        .isEqualTo("/api/v1/operations/" + operationId);
    assertThat(accepted.header("Location")).endsWith("/api/v1/test-runs/" + runId);
    assertThat(run.path("state").asText()).isEqualTo("QUEUED");

    JsonNode finished = gort.awaitFinished(runId);
    assertThat(finished.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(finished.path("attempts").asInt()).isEqualTo(1);
    assertThat(StackClient.states(finished))
        .containsExactly("QUEUED", "RUNNING", "COMPLETED", "EVALUATING", "FINISHED");

    Http.Answer operation = Http.get(stack.url(SCHEDULER) + "/api/v1/operations/" + operationId);
    assertThat(operation.status()).isEqualTo(200);
    assertThat(operation.json().path("status").asText()).isEqualTo("succeeded");
    assertThat(operation.json().path("percentComplete").asInt()).isEqualTo(100);
    assertThat(operation.json().path("resourceLocation").asText())
        .isEqualTo("/api/v1/test-runs/" + runId);
    assertThat(operation.header("Retry-After")).isNull();

    List<JsonNode> mail = gort.awaitMail(slug, 1);
    assertThat(mail.get(0).path("subject").asText()).contains(slug).contains("tests passed");
    assertThat(mail.get(0).path("body").asText()).contains(runId).contains("PASSED");
  }

  @Test
  void operationIsRunningWithRetryAfterWhileTheRunnerWorks() {
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("pass"), 3000);
    JsonNode run = gort.requestRun(slug, null).json();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "RUNNING".equals(gort.getRun(run.path("id").asText()).path("state").asText()));
    Http.Answer operation =
        Http.get(stack.url(SCHEDULER) + "/api/v1/operations/" + run.path("operationId").asText());

    assertThat(operation.json().path("status").asText()).isEqualTo("running");
    assertThat(operation.header("Retry-After")).isNotNull();
    assertThat(operation.json().has("resourceLocation")).isFalse();
    gort.awaitFinished(run.path("id").asText());
  }

  @Test
  void failingTestsFinishFailedAndTheOwnerIsTold() {
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("fail"), 100);

    JsonNode run = gort.requestRun(slug, null).json();

    JsonNode finished = gort.awaitFinished(run.path("id").asText());
    assertThat(finished.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(finished.path("summary").asText()).contains("enrollment");
    JsonNode operation =
        Http.get(stack.url(SCHEDULER) + "/api/v1/operations/" + run.path("operationId").asText())
            .json();
    assertThat(operation.path("status").asText()).isEqualTo("succeeded");
    assertThat(gort.awaitMail(slug, 1).get(0).path("subject").asText()).contains("tests failed");
  }

  @Test
  void unknownExperimentIs404Problem() {
    Http.Answer answer = gort.requestRun("no-such-experiment-" + StackClient.shortId(), null);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).contains("no-such-experiment");
  }

  @Test
  void secondRequestWhileUnfinishedIs409NamingTheRun() {
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("pass"), 3000);
    String first = gort.requestRun(slug, null).json().path("id").asText();

    Http.Answer second = gort.requestRun(slug, null);

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.header("Content-Type")).startsWith("application/problem+json");
    assertThat(second.json().path("unfinishedRun").asText()).isEqualTo(first);
    assertThat(second.json().path("detail").asText()).contains(first);
    gort.awaitFinished(first);
    assertThat(gort.requestRun(slug, null).status()).isEqualTo(202);
  }

  @Test
  void malformedJsonIs400AndCreatesNoRun() {
    String slug = gort.newExperiment(false);

    Http.Answer answer =
        Http.post(stack.url(SCHEDULER) + "/api/v1/experiments/" + slug + "/test-runs", "{bad");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).contains("malformed JSON");
    assertThat(gort.requestRun(slug, null).status())
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
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("pass"), 4000);
    String runId = gort.requestRun(slug, null).json().path("id").asText();
    JsonNode job = gort.awaitJob(slug);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "RUNNING".equals(gort.getRun(runId).path("state").asText()));
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
    assertThat(gort.getRun(runId).path("state").asText()).isEqualTo("RUNNING");
    JsonNode finished = gort.awaitFinished(runId);
    assertThat(finished.path("outcome").asText())
        .as("the forged 'failed' report was not taken")
        .isEqualTo("PASSED");
  }

  @Test
  void sameCallbackDeliveredTwiceGivesOneCompletionAndOneEmail() throws Exception {
    String slug = gort.newExperiment(false);
    String runId = gort.requestRun(slug, null).json().path("id").asText();
    gort.awaitFinished(runId);
    gort.awaitMail(slug, 1);
    String jobId = gort.awaitJob(slug).path("jobId").asText();

    Http.Answer redelivered =
        Http.post(stack.url(SIMULATORS) + "/sim/runners/sim/jobs/" + jobId + "/redeliver", null);

    assertThat(redelivered.status()).isEqualTo(200);
    assertThat(redelivered.json().path("status").asInt())
        .as("the gateway recognised the duplicate")
        .isEqualTo(200);
    List<JsonNode> status = EventLog.eventsAbout(stack.kafkaBootstrap(), "gort.runs.status", runId);
    assertThat(EventLog.count(status, "dev.gort.run.completed.v1")).isEqualTo(1);
    assertThat(StackClient.states(gort.getRun(runId))).containsOnlyOnce("COMPLETED", "FINISHED");
    List<JsonNode> finished =
        EventLog.eventsAbout(stack.kafkaBootstrap(), "gort.runs.finished", runId);
    assertThat(finished).hasSize(1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> gort.mailTo(slug).size() == 1);
  }

  @Test
  void workerKilledAfterTheCallbackStillFinishesTheRunOnce() throws Exception {
    stack.kill(WORKER);
    String runId;
    String slug = gort.newExperiment(false);
    try {
      runId = gort.requestRun(slug, null).json().path("id").asText();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "EVALUATING".equals(gort.getRun(runId).path("state").asText()));
    } finally {
      stack.restart(WORKER);
    }

    JsonNode finished = gort.awaitFinished(runId);

    assertThat(finished.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(StackClient.states(finished)).containsOnlyOnce("FINISHED");
    // evaluated once: while the worker was away the stall detector may have asked for the verdict
    // again, and a verdict asked for again is the same verdict of the same report
    assertThat(
            EventLog.eventsAbout(stack.kafkaBootstrap(), "gort.results.evaluated", runId).stream()
                .map(e -> e.path("data").path("reportId").asText())
                .distinct())
        .hasSize(1);
    assertThat(gort.awaitMail(slug, 1)).hasSize(1);
  }

  @Test
  void gatewayListsTheSimRunner() {
    JsonNode runners = Http.get(stack.url(GATEWAY) + "/api/v1/runners").json();
    assertThat(runners.path("value").findValuesAsText("code")).contains("sim");
  }
}
