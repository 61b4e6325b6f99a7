package dev.gort.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.FakeServer;
import dev.gort.cli.FakeServer.Reply;
import dev.gort.cli.InProcessGort;
import dev.gort.cli.http.Json;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteRunTest {

  static final String DEMO =
      "pipeline: demo\nstages: [build, test]\njobs:\n"
          + "  compile: {stage: build, script: [make]}\n"
          + "  unit: {stage: test, needs: [compile], script: [make test], tags: {suite: unit}}\n"
          + "  lint: {stage: test, allow_failure: true, script: [make lint]}\n";

  @TempDir Path dir;
  private InProcessGort gort;
  private Path demo;

  @BeforeEach
  void setUp() throws Exception {
    gort = new InProcessGort(dir.resolve("home")).with("GORT_TOKEN", "t0ken");
    demo = Files.writeString(dir.resolve("demo.yml"), DEMO);
  }

  private static Reply accepted() {
    return new Reply(
        202,
        Map.of(
            "Content-Type",
            "application/json",
            "Operation-Location",
            "/api/v1/operations/" + Runs.OPERATION),
        Runs.run("NOT_STARTED", "waiting", "waiting", "waiting").toString());
  }

  @Test
  void theValidatedPipelineTravelsWithTheRequestUnderAnIdempotencyKey() throws Exception {
    try (FakeServer scheduler = new FakeServer()) {
      scheduler.on("POST /api/v1/pipeline-runs", accepted());

      InProcessGort.Said said =
          gort.run(
              "--server",
              scheduler.url().toString(),
              "run",
              demo.toString(),
              "--experiment",
              "e1",
              "--commit",
              "abc123",
              "--repository",
              "gort",
              "--pause-on-failure");

      assertThat(said.exit()).as(said.err()).isZero();
      assertThat(said.out().lines())
          .containsExactly(
              "PIPELINE  RUN  STATUS       ID                                    OPERATION",
              "demo      3    NOT_STARTED  " + Runs.ID + "  " + Runs.OPERATION);
      FakeServer.Received request = scheduler.received().get(0);
      assertThat(request.authorization()).isEqualTo("Bearer t0ken");
      assertThat(request.idempotencyKey()).matches("[0-9a-f-]{36}");
      JsonNode body = Json.MAPPER.readTree(request.body());
      assertThat(body.get("pipeline"))
          .isEqualTo(Json.MAPPER.readTree(PipelineJson.toJson(new PipelineParser().parse(DEMO))));
      assertThat(body.get("experiment").asText()).isEqualTo("e1");
      assertThat(body.get("commit").asText()).isEqualTo("abc123");
      assertThat(body.get("repository").asText()).isEqualTo("gort");
      assertThat(body.get("pauseOnFailure").asBoolean()).isTrue();
    }
  }

  @Test
  void eachRunGetsItsOwnIdempotencyKey() throws Exception {
    try (FakeServer scheduler = new FakeServer()) {
      scheduler.on("POST /api/v1/pipeline-runs", accepted());

      gort.run("--server", scheduler.url().toString(), "run", demo.toString());
      gort.run("--server", scheduler.url().toString(), "run", demo.toString());

      assertThat(scheduler.received())
          .extracting(FakeServer.Received::idempotencyKey)
          .doesNotHaveDuplicates()
          .hasSize(2);
      assertThat(Json.MAPPER.readTree(scheduler.received().get(0).body()).has("experiment"))
          .isFalse();
    }
  }

  @Test
  void anInvalidFileIsRefusedHereBeforeAnyRequest() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yml"),
            "pipeline: demo\nstages: [build]\njobs:\n  a: {stage: nope, script: [x]}\n");
    try (FakeServer scheduler = new FakeServer()) {
      InProcessGort.Said said =
          new InProcessGort(dir.resolve("nobody"))
              .run("--server", scheduler.url().toString(), "run", bad.toString());

      assertThat(said.exit()).isEqualTo(2);
      assertThat(said.err()).startsWith(bad + ":4:").contains("nope");
      assertThat(scheduler.received()).isEmpty();
    }
  }

  @Test
  void localOnlyAndServerOnlyOptionsAreNotMixed() {
    assertThat(gort.run("run", demo.toString(), "--max-parallel", "2").err())
        .isEqualTo(
            "gort: --max-parallel is for --local runs; on the server the scheduler's limit"
                + " holds\n");
    assertThat(gort.run("run", demo.toString(), "--local", "--experiment", "e").exit())
        .isEqualTo(2);
  }

  @Test
  void watchFollowsTheRunWithAPlainLinePerChangeAndExitsZeroWhenItSucceeded() throws Exception {
    try (FakeServer scheduler = watchedRun("SUCCEEDED", "succeeded")) {
      InProcessGort.Said said =
          gort.run("--server", scheduler.url().toString(), "run", demo.toString(), "--watch");

      assertThat(said.exit()).as(said.err()).isZero();
      assertThat(said.err()).isEmpty();
      assertThat(said.out()).doesNotContain("\u001b").doesNotContain("\r");
      List<String> lines = said.out().lines().toList();
      assertThat(lines.subList(0, 9))
          .map(line -> line.replaceFirst("^[0-9.]+ s  ", ""))
          .containsExactly(
              "started demo run 3: " + Runs.ID,
              "demo run 3: RUNNING",
              "build/compile: running (attempt 1)",
              "build/compile: succeeded (1.5 s)",
              "test/unit: running (attempt 1)",
              "test/lint: failed (allowed): command 1 exited with 3 (1.5 s)",
              "demo run 3: SUCCEEDED",
              "test/unit: succeeded (1.5 s), flaky",
              "demo run 3 SUCCEEDED in 8.0 s");
      assertThat(said.out())
          .containsPattern("(?m)^test +unit +succeeded, FLAKY +2 +0 +1.5 s +-$")
          .containsPattern("(?m)^unit +1 +failed +1 .*script_failure: command 1 exited with 1");
      assertThat(scheduler.received())
          .extracting(r -> r.method() + " " + r.path())
          .startsWith(
              "POST /api/v1/pipeline-runs",
              "GET /api/v1/operations/" + Runs.OPERATION,
              "GET /api/v1/pipeline-runs/" + Runs.ID);
    }
  }

  @Test
  void aWatchedRunThatFailedExitsOneSayingWhichJob() throws Exception {
    try (FakeServer scheduler = watchedRun("FAILED", "failed")) {
      InProcessGort.Said said =
          gort.run("--server", scheduler.url().toString(), "run", demo.toString(), "--watch");

      assertThat(said.exit()).isEqualTo(1);
      assertThat(said.err())
          .isEqualTo("gort: demo run 3 FAILED in 8.0 s: unit failed (command 1 exited with 3)\n");
    }
  }

  @Test
  void withJsonTheFinishedRunIsTheOnlyThingOnStdout() throws Exception {
    try (FakeServer scheduler = watchedRun("SUCCEEDED", "succeeded")) {
      InProcessGort.Said said =
          gort.run(
              "--output",
              "json",
              "--server",
              scheduler.url().toString(),
              "run",
              demo.toString(),
              "--watch");

      assertThat(said.exit()).as(said.err()).isZero();
      assertThat(Json.MAPPER.readTree(said.out()).get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(said.err()).contains("demo run 3: SUCCEEDED");
    }
  }

  @Test
  void onATerminalTheStagesAndJobsAreRedrawnInPlace() {
    StringWriter out = new StringWriter();
    Clock at = Clock.fixed(Instant.parse("2026-12-03T10:00:05Z"), ZoneOffset.UTC);
    PipelineProgress progress = PipelineProgress.forOutput(new PrintWriter(out), true, at);

    progress.show(
        Runs.run("RUNNING", "running", "waiting", "waiting"), null, Duration.ofMillis(1200));
    String first = out.toString();
    progress.show(
        Runs.run("RUNNING", "succeeded", "running", "failed"), null, Duration.ofMillis(2400));
    progress.end();
    String second = out.toString().substring(first.length());

    assertThat(first).doesNotContain("\u001b");
    assertThat(first.lines())
        .containsExactly(
            "demo run 3 RUNNING 50 %  1.2 s",
            "STAGE  JOB      STATE    TOOK",
            "build           running  -",
            "       compile  running  3.0 s",
            "test            pending  -",
            "       unit     waiting  -",
            "       lint     waiting  -");
    assertThat(second).startsWith("\u001b[7F\u001b[J");
    assertThat(second.substring("\u001b[7F\u001b[J".length()).lines())
        .contains("demo run 3 RUNNING 50 %  2.4 s")
        .anyMatch(line -> line.matches(" +compile +succeeded +3.5 s"))
        .anyMatch(line -> line.matches(" +unit +running +3.0 s"))
        .anyMatch(line -> line.matches(" +lint +failed \\(allowed\\) +3.5 s"));
  }

  @Test
  void aTestRunThatIsAPipelineRunIsFollowedAsOne() throws Exception {
    try (FakeServer scheduler = watchedRun("SUCCEEDED", "succeeded")) {
      scheduler.on(
          "POST /api/v1/experiments/demo/test-runs",
          new Reply(
              202,
              Map.of(
                  "Content-Type",
                  "application/json",
                  "Location",
                  "/api/v1/pipeline-runs/" + Runs.ID,
                  "Operation-Location",
                  "/api/v1/operations/" + Runs.OPERATION),
              Runs.run("NOT_STARTED", "waiting", "waiting", "waiting").toString()));

      InProcessGort.Said started = gort.run("--server", scheduler.url().toString(), "test", "demo");
      InProcessGort.Said watched =
          gort.run("--server", scheduler.url().toString(), "test", "demo", "--watch");

      assertThat(started.exit()).as(started.err()).isZero();
      assertThat(started.out()).startsWith("PIPELINE  RUN  STATUS").contains(Runs.ID);
      assertThat(watched.exit()).as(watched.err()).isZero();
      assertThat(watched.out())
          .contains("started demo run 3: " + Runs.ID)
          .contains("demo run 3: SUCCEEDED")
          .contains("demo run 3 SUCCEEDED in 8.0 s");
      assertThat(scheduler.received())
          .extracting(r -> r.method() + " " + r.path())
          .doesNotContain("GET /api/v1/test-runs/" + Runs.ID);
    }
  }

  @Test
  void anUnreachableServerExitsThree() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    InProcessGort.Said said =
        gort.run("--server", "http://127.0.0.1:" + closed, "run", demo.toString());

    assertThat(said.exit()).isEqualTo(3);
    assertThat(said.err())
        .isEqualTo(
            "gort: run demo: server unreachable at http://127.0.0.1:"
                + closed
                + " (is the stack running?)\n");
  }

  @Test
  void aRefusedTokenOrNoneIsNotAuthorized() throws Exception {
    try (FakeServer scheduler = new FakeServer()) {
      scheduler.on("POST /api/v1/pipeline-runs", Reply.json(401, ""));

      InProcessGort.Said refused =
          gort.run("--server", scheduler.url().toString(), "run", demo.toString());
      InProcessGort.Said none =
          new InProcessGort(dir.resolve("nobody"))
              .run("--server", scheduler.url().toString(), "run", demo.toString());

      assertThat(refused.exit()).isEqualTo(4);
      assertThat(refused.err())
          .isEqualTo(
              "gort: run demo: the server refused the token (401); log in again with gort login\n");
      assertThat(none.exit()).isEqualTo(4);
      assertThat(none.err()).isEqualTo("gort: not logged in: run gort login first\n");
    }
  }

  @Test
  void theServersRefusalOfThePipelineIsAUsageError() throws Exception {
    try (FakeServer scheduler = new FakeServer()) {
      scheduler.on(
          "POST /api/v1/pipeline-runs",
          Reply.json(
              400,
              "{\"detail\":\"job compile: runner 'sim' does not run scripts\",\"job\":\"compile\"}"));

      InProcessGort.Said said =
          gort.run("--server", scheduler.url().toString(), "run", demo.toString());

      assertThat(said.exit()).isEqualTo(2);
      assertThat(said.err())
          .isEqualTo("gort: run demo: 400: job compile: runner 'sim' does not run scripts\n");
    }
  }

  /** A run that goes RUNNING, then on, then ends {@code status} with unit {@code unit}. */
  private static FakeServer watchedRun(String status, String unit) throws Exception {
    FakeServer scheduler = new FakeServer();
    scheduler
        .on("POST /api/v1/pipeline-runs", accepted())
        .on(
            "GET /api/v1/operations/" + Runs.OPERATION,
            Runs.operation("running"),
            Runs.operation("running"),
            Runs.operation(status.toLowerCase()))
        .on(
            "GET /api/v1/pipeline-runs/" + Runs.ID,
            Runs.json(Runs.run("RUNNING", "running", "waiting", "waiting")),
            Runs.json(Runs.run("RUNNING", "succeeded", "running", "failed")),
            Runs.json(Runs.run(status, "succeeded", unit, "failed")));
    return scheduler;
  }
}
