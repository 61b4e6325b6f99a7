package dev.gort.systemtest;

import static dev.gort.systemtest.StackClient.states;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's flows beyond the happy path, on the real stack and scripted through the simulators:
 * timeout and retry, timeout and no retry, cancelled (by the owner and by an infrastructure
 * failure), the results processing error and a runner that stops answering. Each prints how long it
 * took.
 */
class RunFlowsIT {

  private static StackClient gort;

  @BeforeAll
  static void startStack() throws Exception {
    gort = new StackClient(GortStack.shared());
  }

  @Test
  void silentRunnerIsTimedOutAndTheRetryPasses() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("timeout", "pass"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug));

    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertRetriedOnceAndFinished(run);
    assertThat(historyReasons(run)).anyMatch(r -> r.contains("no callback before the deadline"));
    // the job that never answered is halted at the runner once its deadline passed
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gort.jobs(slug).get(0).path("cancelled").asBoolean());
    assertThat(gort.jobs(slug)).hasSize(2);
    report("timeout, then retry passes", started);
  }

  @Test
  void reportedTimeoutIsRetriedAndTheRetryPasses() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("report-timeout", "pass"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug));

    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertRetriedOnceAndFinished(run);
    assertThat(historyReasons(run)).anyMatch(r -> r.contains("the runner reported a timeout"));
    report("reported timeout, then retry passes", started);
  }

  @Test
  void runnerThatStopsAnsweringIsUnresponsiveThenTimedOutAndTheRetryPasses() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("unresponsive", "pass"), 100);
    Http.Answer requested = gort.requestRun(slug, null);
    String operationId = requested.json().path("operationId").asText();

    // past the 5 s deadline the runner does not answer status polls: the operation says so
    JsonNode unresponsive =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> gort.operation(operationId).json(),
                o -> o.path("status").asText().equals("unresponsive"));
    assertThat(unresponsive.path("error").path("code").asText()).isEqualTo("RunnerUnresponsive");
    long unresponsiveAt = System.nanoTime();

    JsonNode run = gort.awaitFinished(requested.json().path("id").asText());

    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertRetriedOnceAndFinished(run);
    assertThat(run.path("unresponsiveSince").isNull()).isTrue();
    assertThat(historyReasons(run))
        .anyMatch(r -> r.contains("has not answered status polls since"))
        .anyMatch(r -> r.contains("runner sim has not answered a status poll since"));
    assertThat(gort.operation(operationId).json().path("status").asText()).isEqualTo("succeeded");
    assertThat(gort.jobs(slug).get(0).path("statusPolls").asInt()).isGreaterThanOrEqualTo(2);
    report("unresponsive reached after", started, unresponsiveAt);
    report("unresponsive, timed out, retry passes", started);
  }

  @Test
  void timeoutsBeyondTheRetryBudgetFinishTimedOutAndTheOwnerIsTold() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("timeout"), 100);
    Http.Answer requested = gort.requestRun(slug, null);

    JsonNode run = gort.awaitFinished(requested.json().path("id").asText());

    assertThat(run.path("outcome").asText()).isEqualTo("TIMED_OUT");
    assertThat(run.path("attempts").asInt()).isEqualTo(3);
    assertThat(gort.jobs(slug)).hasSize(3);
    JsonNode operation = gort.operation(requested.json().path("operationId").asText()).json();
    assertThat(operation.path("status").asText()).isEqualTo("timeout");
    assertThat(operation.path("error").path("code").asText()).isEqualTo("Timeout");
    JsonNode mail = gort.awaitMail(slug, 1).get(0);
    assertThat(mail.path("subject").asText()).contains("timed out");
    report("timeout, no retry left", started);
  }

  @Test
  void ownerCancelsARunningRunAndTheRunnerJobIsHalted() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("pass"), 30_000);
    Http.Answer requested = gort.requestRun(slug, null);
    String runId = requested.json().path("id").asText();
    String operationId = requested.json().path("operationId").asText();
    gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));

    Http.Answer first = gort.cancel(operationId);
    Http.Answer again = gort.cancel(operationId);

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().path("status").asText()).isEqualTo("cancelled");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json()).isEqualTo(first.json());
    JsonNode run = gort.getRun(runId);
    assertThat(run.path("state").asText()).isEqualTo("FINISHED");
    assertThat(run.path("outcome").asText()).isEqualTo("CANCELLED");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gort.jobs(slug).get(0).path("cancelled").asBoolean());
    assertThat(gort.awaitMail(slug, 1).get(0).path("subject").asText()).contains("cancelled");
    assertThat(gort.getRun(runId).path("outcome").asText()).isEqualTo("CANCELLED");
    report("cancelled by the owner", started);
  }

  @Test
  void infrastructureFailureAtTheRunnerEndsTheRunCancelled() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("infra-failure"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug));

    assertThat(run.path("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(gort.awaitMail(slug, 1).get(0).path("subject").asText()).contains("cancelled");
    report("cancelled by an infrastructure failure", started);
  }

  @Test
  void resultsTheWorkerCannotProcessEndAsInfrastructureFailure() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("bad-results"), 100);
    Http.Answer requested = gort.requestRun(slug, null);

    JsonNode run = gort.awaitFinished(requested.json().path("id").asText());

    assertThat(run.path("outcome").asText()).isEqualTo("INFRA_FAILED");
    assertThat(run.path("summary").asText()).contains("results could not be processed");
    JsonNode operation = gort.operation(requested.json().path("operationId").asText()).json();
    assertThat(operation.path("status").asText()).isEqualTo("failed");
    assertThat(operation.path("error").path("code").asText()).isEqualTo("InfrastructureFailure");
    assertThat(gort.awaitMail(slug, 1).get(0).path("subject").asText())
        .contains("infrastructure failure");
    report("results processing error", started);
  }

  private static String requestRun(String slug) {
    Http.Answer requested = gort.requestRun(slug, null);
    assertThat(requested.status()).isEqualTo(202);
    return requested.json().path("id").asText();
  }

  /** Seed 000 "Completed → Running: Job Retries", exactly once. */
  private static void assertRetriedOnceAndFinished(JsonNode run) {
    StackClient.assertRetriedOnce(run);
    List<String> states = states(run);
    assertThat(states.get(states.size() - 1)).isEqualTo("FINISHED");
  }

  private static List<String> historyReasons(JsonNode run) {
    return run.path("history").findValuesAsText("reason");
  }

  private static void report(String flow, long startedNanos) {
    report(flow, startedNanos, System.nanoTime());
  }

  private static void report(String flow, long startedNanos, long endedNanos) {
    System.out.printf("flow timing: %-40s %6d ms%n", flow, (endedNanos - startedNanos) / 1_000_000);
  }
}
