package dev.gort.systemtest;

import static dev.gort.systemtest.StackClient.assertRetriedOnce;
import static dev.gort.systemtest.StackClient.reasons;
import static dev.gort.systemtest.StackClient.states;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seed 000's flows on the {@code local} runner: Gort's own agent, running real shell commands on
 * this machine (no simulator; the scenario is the run's {@code commands}, which read {@code
 * $GORT_ATTEMPT} to behave differently on a retry). A pass with its results, a job allowed longer
 * than the dispatch deadline left to run (the deadline counts from its own timeout), a reported
 * timeout, an infrastructure failure, a cancel the agent confirms, a report lost while the gateway
 * was down and recovered by its status poll, an agent that stops answering, and a gateway restart
 * with deadlines pending. Each prints its time.
 */
class LocalRunnerIT {

  /** Writes a passing results document where the agent serves it from. */
  private static final String RESULTS =
      "printf '{\"jobId\":\"%s\",\"experiment\":\"%s\",\"tests\":[{\"name\":\"smoke\","
          + "\"status\":\"passed\",\"durationMs\":5}]}' \"$GORT_JOB_ID\" \"$GORT_EXPERIMENT\""
          + " > \"$GORT_RESULTS_FILE\"";

  private static GortStack stack;
  private static StackClient gort;

  @AfterEach
  void restoreTheStack() throws Exception {
    stack.restoreStopped();
  }

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  @ParameterizedTest
  @ValueSource(strings = {"test", "build"})
  void aPassingJobRunsItsCommandsAndItsResultsAreEvaluated(String kind) {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);

    JsonNode run = gort.awaitFinished(requestRun(slug, kind, List.of("true", RESULTS), null));

    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported passed for attempt 1"));
    report("pass (" + kind + ")", started);
  }

  @Test
  void aFailingCommandFailsTheRun() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);

    JsonNode run = gort.awaitFinished(requestRun(slug, "test", List.of("exit 3", RESULTS), null));

    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported failed for attempt 1"));
    report("a command fails", started);
  }

  @Test
  void aJobAllowedLongerThanTheDispatchDeadlineIsNotCutOff() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);

    // the stack's dispatch deadline is 5 s: the gateway waits that long after the job's 30 s
    JsonNode run =
        gort.awaitFinished(requestRun(slug, "test", List.of("sleep 8", RESULTS), "PT30S"));

    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(reasons(run)).noneMatch(r -> r.contains("deadline") || r.contains("timeout"));
    report("job longer than the dispatch deadline", started);
  }

  @Test
  void aReportedTimeoutIsRetried() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);

    JsonNode run = gort.awaitFinished(requestRun(slug, "test", firstAttemptSleeps(60), "PT2S"));

    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertRetriedOnce(run);
    assertThat(reasons(run)).anyMatch(r -> r.contains("the runner reported a timeout"));
    report("reported timeout, retry passes", started);
  }

  @Test
  void aJobItCannotRunIsAnInfrastructureFailure() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    String body =
        Http.json(
            Map.of(
                "runner",
                "local",
                "settings",
                Map.of("commands", List.of("true"), "image", "alpine:3.20")));

    JsonNode run = gort.awaitFinished(requested(gort.requestRun(slug, body)));

    assertThat(run.path("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported infra_failure"));
    report("infrastructure failure (image, no engine)", started);
  }

  @Test
  void theOwnersCancelKillsTheJobAndTheAgentConfirms() {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    Http.Answer requested = gort.requestRun(slug, body("test", List.of("sleep 30", RESULTS), null));
    String runId = requested(requested);
    gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));

    assertThat(gort.cancel(requested.json().path("operationId").asText()).status()).isEqualTo(202);

    JsonNode run =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> gort.getRun(runId),
                r -> r.path("halt").path("status").asText().equals("confirmed"));
    assertThat(run.path("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("local confirmed the halt of job"));
    assertThat(gort.awaitMail(slug, 1).get(0).path("body").asText())
        .contains("Halt:     the runner confirmed it halted the job");
    report("cancelled by the owner, halt confirmed", started);
  }

  @Test
  void aReportLostWhileTheGatewayWasDownIsRecoveredByTheStatusPoll() throws Exception {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    // the status poll comes at the deadline: 5 s after the job's 4 s
    String runId = requestRun(slug, "test", List.of("sleep 2", RESULTS), "PT4S");
    gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));

    // the job ends and its callback (tried 3 times in 0.6 s) finds no gateway
    stack.stop(GortStack.GATEWAY);
    Thread.sleep(4_000);
    stack.restart(GortStack.GATEWAY);

    JsonNode run = gort.awaitFinished(runId);
    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported passed for attempt 1"));
    report("report lost, recovered by the status poll", started);
  }

  @Test
  void anAgentThatStopsAnsweringIsGivenUpAndTheRetryPasses() throws Exception {
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    // due 5 s after the job's 10 s: by then the killed agent has stopped answering
    String runId = requestRun(slug, "test", firstAttemptSleeps(20), "PT10S");
    gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));

    stack.kill(GortStack.LOCAL_RUNNER);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> states(gort.getRun(runId)).contains("COMPLETED"));
    } finally {
      stack.restart(GortStack.LOCAL_RUNNER);
    }

    JsonNode run = gort.awaitState(runId, "FINISHED", Duration.ofSeconds(90));
    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertThat(reasons(run))
        .anyMatch(r -> r.contains("runner local has not answered a status poll since"));
    report("agent stops answering, given up, retry passes", started);
  }

  @Test
  void aGatewayRestartWithDeadlinesPendingLosesNone() throws Exception {
    long started = System.nanoTime();
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // the agent ends each first attempt at 3 s; its report, lost or not, is due 5 s later
      runIds.add(requestRun(gort.newExperiment(false), "test", firstAttemptSleeps(3600), "PT3S"));
    }
    for (String runId : runIds) {
      gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));
    }

    stack.stop(GortStack.GATEWAY);
    stack.restart(GortStack.GATEWAY);

    for (String runId : runIds) {
      JsonNode run = gort.awaitFinished(runId);
      assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
      assertThat(run.path("attempts").asInt()).isEqualTo(2);
      assertRetriedOnce(run);
    }
    report("gateway restart, 3 deadlines pending, all kept", started);
  }

  /** Commands whose first attempt sleeps {@code seconds} and whose retry passes at once. */
  private static List<String> firstAttemptSleeps(int seconds) {
    return List.of("if [ \"$GORT_ATTEMPT\" = 1 ]; then sleep " + seconds + "; fi", RESULTS);
  }

  private static String requestRun(
      String slug, String kind, List<String> commands, String timeout) {
    return requested(gort.requestRun(slug, body(kind, commands, timeout)));
  }

  private static String body(String kind, List<String> commands, String timeout) {
    Map<String, Object> settings =
        timeout == null
            ? Map.of("commands", commands)
            : Map.of("commands", commands, "timeout", timeout);
    return Http.json(Map.of("runner", "local", "kind", kind, "settings", settings));
  }

  private static String requested(Http.Answer requested) {
    assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
    return requested.json().path("id").asText();
  }

  /** The agent's finished jobs that ended {@code outcome}, as the gateway's token sees them. */
  private static List<JsonNode> agentJobs(String outcome) {
    List<JsonNode> jobs = new ArrayList<>();
    Http.as(GortStack.LOCAL_RUNNER_TOKEN)
        .get(stack.url(GortStack.LOCAL_RUNNER) + "/api/v1/jobs?status=finished&$top=1000")
        .json()
        .path("value")
        .forEach(
            job -> {
              if (outcome.equals(job.path("outcome").asText())) {
                jobs.add(job);
              }
            });
    return jobs;
  }

  private static void report(String flow, long startedNanos) {
    System.out.printf(
        "flow timing: %-22s %-44s %6d ms%n",
        "local", flow, (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
