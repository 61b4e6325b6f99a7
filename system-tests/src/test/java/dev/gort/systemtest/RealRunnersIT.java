package dev.gort.systemtest;

import static dev.gort.systemtest.StackClient.assertRetriedOnce;
import static dev.gort.systemtest.StackClient.reasons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 000's flows on each real runner, against its simulator on the real stack (their real API and
 * wire format, signed reports): a pass, a silent job timed out and retried, a reported timeout
 * retried, an infrastructure failure, a cancel the runner confirms, a lost report recovered by the
 * status poll, a runner that stops answering. Each prints how long it took.
 */
class RealRunnersIT {

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

  /** Each runner with each kind it has: {@code <runner>/<kind>}. */
  static Stream<String> runners() {
    return Stream.of(
        "github-actions/test",
        "github-actions/build",
        "tuxsuite/test",
        "tuxsuite/build",
        "tuxsuite/boot");
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aPassingJobIsReportedOnce(String target) {
    String runner = code(target);
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(runner, slug, List.of("pass"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug, target));

    assertThat(run.path("runner").asText()).isEqualTo(runner);
    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported passed for attempt 1"));
    assertThat(gort.jobs(runner, slug)).hasSize(1);
    // the runner's own results read and judged: GitHub's artifact zip of a JUnit report,
    // TuxSuite's results.json (the boot and two tests) or a build's status
    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    JsonNode report = gort.awaitReport(run.path("id").asText());
    assertThat(report.path("format").asText() + ": " + report.path("summary").asText())
        .isEqualTo(
            switch (target) {
              case "tuxsuite/build" -> "tuxsuite: 1 build passed";
              case "tuxsuite/test", "tuxsuite/boot" -> "tuxsuite: 3 of 3 tests passed";
              default -> "github-artifact: 2 of 2 tests passed";
            });
    report(target, "pass", started);
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aSilentJobIsTimedOutHaltedAndTheRetryPasses(String target) {
    String runner = code(target);
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(runner, slug, List.of("timeout", "pass"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug, target));

    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertRetriedOnce(run);
    assertThat(reasons(run)).anyMatch(r -> r.contains("no callback before the deadline"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gort.jobs(runner, slug).get(0).path("cancelled").asBoolean());
    assertThat(gort.jobs(runner, slug)).hasSize(2);
    report(target, "timeout, then retry passes", started);
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aReportedTimeoutIsRetried(String target) {
    String runner = code(target);
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(runner, slug, List.of("report-timeout", "pass"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug, target));

    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertRetriedOnce(run);
    assertThat(reasons(run)).anyMatch(r -> r.contains("the runner reported a timeout"));
    report(target, "reported timeout, then retry passes", started);
  }

  @ParameterizedTest
  @MethodSource("runners")
  void anInfrastructureFailureEndsTheRunCancelled(String target) {
    String runner = code(target);
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(runner, slug, List.of("infra-failure"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug, target));

    assertThat(run.path("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported infra_failure"));
    report(target, "infrastructure failure", started);
  }

  @ParameterizedTest
  @MethodSource("runners")
  void theOwnersCancelHaltsTheJobAndTheRunnerConfirms(String target) {
    String runner = code(target);
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(runner, slug, List.of("pass"), 30_000);
    Http.Answer requested = gort.requestRun(slug, runnerBody(target));
    assertThat(requested.status()).isEqualTo(202);
    String runId = requested.json().path("id").asText();
    gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));

    Http.Answer cancelled = gort.cancel(requested.json().path("operationId").asText());

    assertThat(cancelled.status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gort.jobs(runner, slug).get(0).path("cancelled").asBoolean());
    assertThat(gort.getRun(runId).path("outcome").asText()).isEqualTo("CANCELLED");
    JsonNode halted =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> gort.getRun(runId),
                r -> r.path("halt").path("status").asText().equals("confirmed"));
    assertThat(reasons(halted)).anyMatch(r -> r.startsWith(runner + " confirmed the halt of job"));
    assertThat(gort.awaitMail(slug, 1).get(0).path("body").asText())
        .contains("Halt:     the runner confirmed it halted the job");
    assertThat(gort.jobs(runner, slug)).hasSize(1);
    report(target, "cancelled by the owner, halt confirmed", started);
  }

  static Stream<String> testKinds() {
    return Stream.of("github-actions/test", "tuxsuite/test");
  }

  @ParameterizedTest
  @MethodSource("testKinds")
  void aGatewayRestartWithDeadlinesPendingLosesNone(String target) throws Exception {
    String runner = code(target);
    long started = System.nanoTime();
    List<String> runIds = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String slug = gort.newExperiment(false);
      gort.scenario(runner, slug, List.of("timeout", "pass"), 100);
      runIds.add(requestRun(slug, target));
    }
    for (String runId : runIds) {
      gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));
    }

    // stopped, not killed: a killed consumer holds its partitions for Kafka's 45 s session timeout,
    // which would only delay the next tests (WholeStackResilienceIT kills it)
    stack.stop(GortStack.GATEWAY);
    stack.restart(GortStack.GATEWAY);

    for (String runId : runIds) {
      JsonNode run = gort.awaitFinished(runId);
      assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
      assertThat(run.path("attempts").asInt()).isEqualTo(2);
      assertThat(reasons(run)).anyMatch(r -> r.contains("no callback before the deadline"));
      assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported passed for attempt 2"));
      assertRetriedOnce(run);
    }
    report(target, "gateway restart, 3 deadlines pending, all kept", started);
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aLostReportIsRecoveredByTheStatusPollNotRetried(String target) {
    String runner = code(target);
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(runner, slug, List.of("lost-webhook"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug, target));

    assertThat(run.path("attempts").asInt()).isEqualTo(1);
    assertThat(reasons(run)).anyMatch(r -> r.startsWith("runner reported passed for attempt 1"));
    assertThat(gort.jobs(runner, slug)).hasSize(1);
    report(target, "lost report recovered by the status poll", started);
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aRunnerThatStopsAnsweringIsGivenUpAndTheRetryPasses(String target) {
    String runner = code(target);
    long started = System.nanoTime();
    String slug = gort.newExperiment(false);
    gort.scenario(runner, slug, List.of("unresponsive", "pass"), 100);

    JsonNode run = gort.awaitState(requestRun(slug, target), "FINISHED", Duration.ofSeconds(90));

    assertThat(run.path("attempts").asInt()).isEqualTo(2);
    assertRetriedOnce(run);
    assertThat(reasons(run))
        .anyMatch(r -> r.contains("runner " + runner + " has not answered a status poll since"));
    report(target, "unresponsive, given up, retry passes", started);
  }

  private static String requestRun(String slug, String target) {
    Http.Answer requested = gort.requestRun(slug, runnerBody(target));
    assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
    return requested.json().path("id").asText();
  }

  private static String runnerBody(String target) {
    return "{\"runner\": \"" + code(target) + "\", \"kind\": \"" + kind(target) + "\"}";
  }

  private static String code(String target) {
    return target.substring(0, target.indexOf('/'));
  }

  private static String kind(String target) {
    return target.substring(target.indexOf('/') + 1);
  }

  private static void report(String target, String flow, long startedNanos) {
    System.out.printf(
        "flow timing: %-22s %-44s %6d ms%n",
        target, flow, (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
