package dev.gort.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.FakeServer;
import dev.gort.cli.FakeServer.Reply;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.exit.ExitCode;
import dev.gort.cli.http.GortHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunWatcherTest {

  private static String run(String state, String outcome, int attempts) {
    return "{\"id\":\"run-12345678-abcd\",\"experiment\":\"demo\",\"operationId\":\"op-1\","
        + "\"state\":\""
        + state
        + "\",\"outcome\":"
        + (outcome == null ? "null" : "\"" + outcome + "\"")
        + ",\"attempts\":"
        + attempts
        + ",\"summary\":\"2 tests failed\"}";
  }

  private static Reply operation(String status, Integer retryAfter) {
    return new Reply(
        200,
        retryAfter == null
            ? Map.of("Content-Type", "application/json")
            : Map.of("Content-Type", "application/json", "Retry-After", retryAfter.toString()),
        "{\"id\":\"op-1\",\"status\":\"" + status + "\"}");
  }

  @Test
  void pollsTheOperationAsRetryAfterSaysUntilItIsFinal() throws Exception {
    try (FakeServer scheduler = new FakeServer()) {
      scheduler
          .on(
              "POST /api/v1/experiments/demo/test-runs",
              new Reply(
                  202,
                  Map.of("Operation-Location", "/api/v1/operations/op-1"),
                  run("QUEUED", null, 0)))
          .on(
              "GET /api/v1/operations/op-1",
              operation("notstarted", 1),
              operation("running", 2),
              operation("running", 30),
              operation("succeeded", null))
          .on(
              "GET /api/v1/test-runs/run-12345678-abcd",
              Reply.json(200, run("QUEUED", null, 0)),
              Reply.json(200, run("RUNNING", null, 1)),
              Reply.json(200, run("RUNNING", null, 1)),
              Reply.json(200, run("FINISHED", "PASSED", 1)));
      TestRunClient client = new TestRunClient(new GortHttp(), scheduler.url(), "t0ken");
      StringWriter out = new StringWriter();
      List<Duration> waits = new ArrayList<>();

      TestRunClient.Started started = client.start("demo", null);
      JsonNode finished =
          new RunWatcher(
                  client,
                  StatusLine.forOutput(new PrintWriter(out), false),
                  Clock.systemUTC(),
                  waits::add)
              .watch(started);

      assertThat(finished.path("outcome").asText()).isEqualTo("PASSED");
      assertThat(waits)
          .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));
      assertThat(out.toString().lines())
          .map(line -> line.replaceAll("  [0-9.]+ s$", ""))
          .containsExactly(
              "demo run run-1234: QUEUED, attempt 0",
              "demo run run-1234: RUNNING, attempt 1",
              "demo run run-1234: FINISHED PASSED, attempt 1");
      assertThat(scheduler.received())
          .allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer t0ken"));
    }
  }

  @Test
  void onlyAPassedRunIsSuccess() {
    RunOutcome.requirePassed(dev.gort.cli.http.Json.parseLenient(run("FINISHED", "PASSED", 1)));
    for (String outcome : List.of("FAILED", "INFRA_FAILED", "TIMED_OUT", "CANCELLED")) {
      assertThatThrownBy(
              () ->
                  RunOutcome.requirePassed(
                      dev.gort.cli.http.Json.parseLenient(run("FINISHED", outcome, 1))))
          .isInstanceOfSatisfying(
              CliFailure.class,
              failure -> assertThat(failure.exitCode()).isEqualTo(ExitCode.RUN_FAILED))
          .hasMessage("run run-12345678-abcd of demo finished " + outcome + ": 2 tests failed");
    }
  }

  @Test
  void theSchedulersRefusalsMapToExitCodes() throws Exception {
    try (FakeServer scheduler = new FakeServer()) {
      scheduler
          .on("POST /api/v1/experiments/unauth/test-runs", Reply.json(401, ""))
          .on(
              "POST /api/v1/experiments/other/test-runs",
              Reply.json(404, "{\"detail\":\"no experiment 'other'\"}"))
          .on(
              "POST /api/v1/experiments/busy/test-runs",
              Reply.json(503, "{\"detail\":\"the runner gateway does not answer\"}"))
          .on("POST /api/v1/experiments/broken/test-runs", Reply.json(500, "{}"));
      TestRunClient client = new TestRunClient(new GortHttp(), scheduler.url(), "t");

      assertThat(failureOf(() -> client.start("unauth", null)))
          .isEqualTo(
              ExitCode.NOT_AUTHORIZED
                  + " test unauth: the server refused the token (401); log in again with gort login");
      assertThat(failureOf(() -> client.start("other", null)))
          .isEqualTo(ExitCode.USAGE + " test other: 404: no experiment 'other'");
      assertThat(failureOf(() -> client.start("busy", null)))
          .isEqualTo(
              ExitCode.SERVER_UNREACHABLE
                  + " test busy: server unavailable (503): the runner gateway does not answer");
      assertThat(failureOf(() -> client.start("broken", null)))
          .isEqualTo(ExitCode.RUN_FAILED + " test broken: server error (500)");
    }
  }

  @Test
  void theRunnerIsSentWhenChosen() throws Exception {
    try (FakeServer scheduler = new FakeServer()) {
      scheduler.on(
          "POST /api/v1/experiments/demo/test-runs", Reply.json(202, run("QUEUED", null, 0)));

      TestRunClient.Started started =
          new TestRunClient(new GortHttp(), scheduler.url(), "t").start("demo", "local");

      assertThat(started.operationId()).isEqualTo("op-1");
      assertThat(scheduler.received().get(0).body()).isEqualTo("{\"runner\":\"local\"}");
    }
  }

  private static String failureOf(Runnable call) {
    try {
      call.run();
      return "no failure";
    } catch (CliFailure failure) {
      return failure.exitCode() + " " + failure.getMessage();
    }
  }
}
