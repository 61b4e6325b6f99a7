package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "The gort command line": {@code gort} run as a process against the shared stack — login
 * with the local issuer's password grant, {@code gort test --watch} to PASSED (exit 0) and to
 * FAILED (exit 1), and the exit codes for an unreachable server (3), no or a bad token (4) and bad
 * usage (2), each with one line on stderr. Pipelines on the stack's local runner: {@code gort run
 * FILE --watch} to SUCCEEDED (exit 0) and FAILED (exit 1) with a plain line per change, {@code gort
 * steps}, a dry-run {@code gort pause}, a refused {@code gort interrupt}, {@code gort
 * send-message}, {@code gort cancel}, {@code gort runs} and {@code gort show}; {@code gort upload}
 * of a {@code --local} report and {@code gort reports} listing it beside remote runs.
 */
class CliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The clock a watched pipeline's plain progress line starts with: 0.4 s, 12 s, 2 m 5 s. */
  private static final String CLOCK = "^([0-9]+\\.[0-9] s|[0-9]+ s|[0-9]+ m [0-9]+ s)  ";

  private static GortStack stack;
  private static StackClient gort;

  @TempDir Path home;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  private GortCli cli() {
    return new GortCli(stack, home);
  }

  private GortCli.Result loginAsAlice(GortCli cli) throws Exception {
    return cli.runWithInput(
        GortStack.PASSWORDS.get("alice") + "\n",
        "login",
        "--username",
        "alice",
        "--password-stdin");
  }

  private GortCli loggedInAsAlice() throws Exception {
    GortCli cli = cli();
    GortCli.Result login = loginAsAlice(cli);
    assertThat(login.exitCode()).as(login.toString()).isZero();
    return cli;
  }

  /** {@code gort test <a new experiment of alice's> --watch}, its sim runner scripted. */
  private GortCli.Result watchedRun(String slug, String attempt, int delayMs) throws Exception {
    GortCli cli = loggedInAsAlice();
    gort.scenario(slug, List.of(attempt), delayMs);
    return cli.run("test", slug, "--watch");
  }

  @Test
  void loginCachesTheTokenReadableByItsOwnerOnly() throws Exception {
    GortCli.Result login = loginAsAlice(cli());

    assertThat(login.exitCode()).as(login.toString()).isZero();
    assertThat(login.stdout()).contains("logged in as alice at " + stack.issuer());
    assertThat(login.stdout() + login.stderr()).doesNotContain(GortStack.PASSWORDS.get("alice"));
    Path token = home.resolve("token.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
        .isEqualTo("rw-------");
    assertThat(JSON.readTree(token.toFile()).path("username").asText()).isEqualTo("alice");
  }

  @Test
  void aWrongPasswordIsNotAuthorized() throws Exception {
    GortCli.Result login =
        cli().runWithInput("not-the-password\n", "login", "-u", "alice", "--password-stdin");

    assertThat(login.exitCode()).as(login.toString()).isEqualTo(4);
    assertThat(login.stderr())
        .isEqualTo("gort: login refused: Invalid user credentials (invalid_grant)\n");
    assertThat(home.resolve("token.json")).doesNotExist();
  }

  @Test
  void watchedPassingRunExitsZeroWithPlainLinesOnlyOnChange() throws Exception {
    String slug = gort.newExperiment(false, "alice");

    GortCli.Result test = watchedRun(slug, "pass", 1500);

    assertThat(test.exitCode()).as(test.toString()).isZero();
    assertThat(test.stderr()).isEmpty();
    assertThat(test.stdout()).doesNotContain("\u001b").doesNotContain("\r");
    List<String> progress =
        test.stdout().lines().filter(line -> line.startsWith(slug + " run ")).toList();
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)).contains("FINISHED PASSED");
    assertThat(progress.stream().map(CliIT::withoutClock).distinct().count())
        .as("a line per change: %s", progress)
        .isEqualTo(progress.size());
    assertThat(test.stdout()).containsPattern("(?m)^RUN +EXPERIMENT +RUNNER +STATE +OUTCOME");
  }

  @Test
  void watchedFailingRunExitsOneSayingHowItEnded() throws Exception {
    String slug = gort.newExperiment(false, "alice");

    GortCli.Result test = watchedRun(slug, "fail", 100);

    assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
    assertThat(test.stderr().lines().toList())
        .singleElement()
        .satisfies(
            line -> assertThat(line).startsWith("gort: run ").contains(slug + " finished FAILED"));
  }

  @Test
  void jsonOutputIsTheRunAsTheSchedulerAnswersIt() throws Exception {
    GortCli cli = loggedInAsAlice();
    String slug = gort.newExperiment(false, "alice");

    GortCli.Result test = cli.run("--output", "json", "test", slug, "--watch");

    assertThat(test.exitCode()).as(test.toString()).isZero();
    JsonNode run = JSON.readTree(test.stdout());
    assertThat(run.path("experiment").asText()).isEqualTo(slug);
    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("requestedBy").asText()).isEqualTo("alice");
    assertThat(test.stderr()).contains("FINISHED PASSED"); // progress beside the JSON, not in it
  }

  @Test
  void withoutWatchTheRunIsStartedAndShown() throws Exception {
    GortCli cli = loggedInAsAlice();
    String slug = gort.newExperiment(false, "alice");

    GortCli.Result test = cli.run("test", slug, "--runner", "sim");

    assertThat(test.exitCode()).as(test.toString()).isZero();
    String runId = test.stdout().lines().skip(1).findFirst().orElseThrow().split(" +")[0];
    assertThat(gort.awaitFinished(runId).path("outcome").asText()).isEqualTo("PASSED");
  }

  @Test
  void anUnreachableServerExitsThree() throws Exception {
    GortCli cli = loggedInAsAlice();
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    GortCli.Result test =
        cli.runBare(
            "--issuer", stack.issuer(), "--server", "http://127.0.0.1:" + closed, "test", "demo");

    assertThat(test.exitCode()).as(test.toString()).isEqualTo(3);
    assertThat(test.stderr())
        .isEqualTo(
            "gort: test demo: server unreachable at http://127.0.0.1:"
                + closed
                + " (is the stack running?)\n");
  }

  @Test
  void withoutALoginTheCommandIsNotAuthorized() throws Exception {
    GortCli.Result test = cli().run("test", gort.newExperiment(false, "alice"), "--watch");

    assertThat(test.exitCode()).as(test.toString()).isEqualTo(4);
    assertThat(test.stderr()).isEqualTo("gort: not logged in: run gort login first\n");
  }

  @Test
  void aTokenTheServerRefusesIsNotAuthorized() throws Exception {
    GortCli cli =
        new GortCli(stack, home, Map.of("GORT_TOKEN", stack.forgedToken("alice", "owner")));

    GortCli.Result test = cli.run("test", gort.newExperiment(false, "alice"));

    assertThat(test.exitCode()).as(test.toString()).isEqualTo(4);
    assertThat(test.stderr()).startsWith("gort: ").contains("401").contains("gort login");
    assertThat(test.stderr().lines()).hasSize(1);
  }

  @Test
  void anExpiredLoginAsksToLogInAgain() throws Exception {
    String expired =
        stack.mintedToken(
            "alice", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), "owner");
    Files.writeString(
        home.resolve("token.json"),
        JSON.writeValueAsString(
            Map.of(
                "issuer",
                stack.issuer(),
                "clientId",
                "gort-cli",
                "username",
                "alice",
                "accessToken",
                expired,
                "expiresAt",
                Instant.now().minus(Duration.ofHours(1)).toString())));

    GortCli.Result test = cli().run("test", gort.newExperiment(false, "alice"));

    assertThat(test.exitCode()).as(test.toString()).isEqualTo(4);
    assertThat(test.stderr())
        .startsWith("gort: your login as alice expired at ")
        .endsWith(": run gort login again\n");
  }

  @Test
  void badUsageExitsTwo() throws Exception {
    GortCli cli = loggedInAsAlice();

    GortCli.Result missing = cli.run("test");
    GortCli.Result badFormat = cli.run("--output", "xml", "test", "demo");
    GortCli.Result unknownCommand = cli.run("frobnicate");
    GortCli.Result unknownExperiment =
        cli.run("test", "no-such-experiment-" + StackClient.shortId());

    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.stderr())
        .isEqualTo("gort: Missing required parameter: 'EXPERIMENT' (gort test --help says how)\n");
    assertThat(badFormat.exitCode()).as(badFormat.toString()).isEqualTo(2);
    assertThat(badFormat.stderr()).contains("use table or json");
    assertThat(unknownCommand.exitCode()).as(unknownCommand.toString()).isEqualTo(2);
    assertThat(unknownExperiment.exitCode()).as(unknownExperiment.toString()).isEqualTo(2);
    assertThat(unknownExperiment.stderr())
        .startsWith("gort: test no-such-experiment-")
        .contains("404");
  }

  /** A pipeline file of a new pipeline (so its runs count from 1), with {@code jobs} as given. */
  private Path pipelineFile(String name, String stages, String jobs) throws Exception {
    return Files.writeString(
        home.resolve(name + ".yml"),
        "pipeline: " + name + "\nstages: " + stages + "\njobs:\n" + jobs);
  }

  /** deploy/local/pipelines/demo.yml's shape, with the stack's local runner's variables. */
  private Path demoLikeFile(String name) throws Exception {
    return pipelineFile(
        name,
        "[build, test, report]",
        "  compile:\n"
            + "    stage: build\n"
            + "    script: [\"echo compiling $PIPELINE_NAME run $PIPELINE_RUN\", \"sleep 1\"]\n"
            + "  unit:\n"
            + "    stage: test\n"
            + "    needs: [compile]\n"
            + "    tags: {suite: unit}\n"
            + "    retry: {max: 1, when: [script_failure]}\n"
            + "    script: [\"echo unit tests, attempt $PIPELINE_JOB_ATTEMPT\"]\n"
            + "  lint:\n"
            + "    stage: test\n"
            + "    needs: [compile]\n"
            + "    allow_failure: true\n"
            + "    script: [\"echo 'lint: 2 warnings'\", \"exit 3\"]\n"
            + "    on_failure: report-lint\n"
            + "  report-lint: {stage: test, script: [\"echo writing the lint report\"]}\n"
            + "  summary: {stage: report, timeout: 30s, script: [\"echo all done\"]}\n");
  }

  /** The id in the second line of {@code gort run FILE}'s table (PIPELINE RUN STATUS ID …). */
  private static String startedRunId(GortCli.Result started) {
    assertThat(started.exitCode()).as(started.toString()).isZero();
    return started.stdout().lines().skip(1).findFirst().orElseThrow().split(" +")[3];
  }

  @Test
  void aWatchedPipelineRunOnTheLocalRunnerExitsZeroWithAPlainLinePerChange() throws Exception {
    GortCli cli = loggedInAsAlice();
    String name = "cli-demo-" + StackClient.shortId();

    GortCli.Result run = cli.run("run", demoLikeFile(name).toString(), "--watch");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(run.stdout()).doesNotContain("\u001b").doesNotContain("\r");
    List<String> changes =
        run.stdout()
            .lines()
            .filter(line -> line.matches(CLOCK + ".*"))
            .map(line -> line.replaceFirst(CLOCK, ""))
            .toList();
    assertThat(changes)
        .as("a line per change: %s", changes)
        .doesNotHaveDuplicates()
        .contains(name + " run 1: SUCCEEDED")
        .anyMatch(line -> line.startsWith("build/compile: succeeded ("))
        .anyMatch(line -> line.startsWith("test/unit: succeeded ("))
        .anyMatch(line -> line.startsWith("test/lint: failed (allowed)"))
        .anyMatch(line -> line.startsWith("test/report-lint: succeeded ("))
        .anyMatch(line -> line.startsWith("report/summary: succeeded ("));
    GortCli.Result reports = cli.run("reports", "--pipeline", name);
    assertThat(reports.exitCode()).as(reports.toString()).isZero();
    assertThat(reports.stdout().lines().skip(1))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith(name + "  1    SUCCEEDED  remote"));
    GortCli.Result lint = cli.run("reports", "--pipeline", name, "--job", "lint");
    assertThat(lint.stdout())
        .containsPattern("(?m)^" + name + " +1 +test +lint +FAILED \\(allowed\\)");
    assertThat(run.stdout())
        .contains("started " + name + " run 1: ")
        .contains(name + " run 1 SUCCEEDED in ")
        // the local runner's exit code, passed on by the gateway
        .containsPattern("(?m)^test +lint +failed \\(allowed\\) +1 +3 +");
  }

  @Test
  void aWatchedPipelineRunThatFailsExitsOneSayingWhichJob() throws Exception {
    GortCli cli = loggedInAsAlice();
    String name = "cli-fail-" + StackClient.shortId();
    Path file =
        pipelineFile(
            name,
            "[build, test]",
            "  compile: {stage: build, script: [\"echo building\", \"exit 4\"]}\n"
                + "  unit: {stage: test, script: [\"echo never\"]}\n");

    GortCli.Result run = cli.run("run", file.toString(), "--watch");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stderr().lines().toList())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("gort: " + name + " run 1 FAILED in ")
                    .contains(": compile failed"));
    assertThat(run.stdout()).contains("build/compile: failed").contains(name + " run 1: FAILED");
  }

  /**
   * A job with an {@code input} prompt holds its run open until a message comes (the stack's
   * gateway gives a job only seconds before its deadline, too short to steer a job that runs).
   */
  @Test
  void stepsDryRunsRefusalsSendMessageAndCancelOnAPipelineWaitingForInput() throws Exception {
    GortCli cli = loggedInAsAlice();
    String name = "cli-steer-" + StackClient.shortId();
    Path file =
        pipelineFile(
            name,
            "[build, test]",
            "  ask: {stage: build, tags: {speed: slow}, input: \"deploy?\", script: [\"echo go\"]}\n"
                + "  later: {stage: test, tags: {speed: fast}, script: [\"echo later\"]}\n");
    String runId = startedRunId(cli.run("run", file.toString()));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(cli.run("steps", runId, "--state", "waiting-for-input").stdout())
                    .containsPattern("(?m)^ask +build +waiting-for-input +0 +"));
    GortCli.Result steps = cli.run("steps", runId, "--tag", "speed=fast");
    assertThat(steps.exitCode()).as(steps.toString()).isZero();
    assertThat(steps.stdout().lines().skip(1))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line).matches("later +test +waiting +0 +\\S*pause\\S* +speed=fast +-"));
    GortCli.Result messageable = cli.run("steps", runId, "--action", "send-message");
    assertThat(messageable.stdout().lines().skip(1).map(line -> line.split(" +")[0]))
        .as(messageable.toString())
        .containsExactly("ask");

    GortCli.Result dryPause = cli.run("pause", runId, "--step", "later", "--dry-run");
    assertThat(dryPause.exitCode()).as(dryPause.toString()).isZero();
    assertThat(dryPause.stdout())
        .containsPattern("(?m)^later +would be paused +- +-$")
        .endsWith("dry run: nothing changed\n");
    assertThat(cli.run("steps", runId, "--state", "waiting").stdout()).contains("later");

    GortCli.Result refused = cli.run("interrupt", runId, "--state", "waiting", "--dry-run");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.stdout()).containsPattern("(?m)^later +refused +waiting +\\S");
    assertThat(refused.stderr())
        .isEqualTo("gort: interrupt " + runId + ": refused for every selected step (dry run)\n");

    GortCli.Result sent = cli.run("send-message", runId, "--step", "ask", "--message", "yes");
    assertThat(sent.exitCode()).as(sent.toString()).isZero();
    assertThat(sent.stdout()).containsPattern("(?m)^ask +messaged +- +-$");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(
                        JSON.readTree(cli.run("--output", "json", "show", runId).stdout())
                            .path("status")
                            .asText())
                    .isEqualTo("SUCCEEDED"));
    GortCli.Result finished = cli.run("cancel", runId);
    assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(2);
    assertThat(finished.stderr()).contains("409").contains("already finished");

    String second = startedRunId(cli.run("run", file.toString()));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(cli.run("steps", second, "--state", "waiting-for-input").stdout())
                    .contains("ask"));
    GortCli.Result cancel = cli.run("cancel", second);
    assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
    assertThat(cancel.stdout())
        .containsPattern("(?m)^" + name + " +2 +" + second + " +\\S+ +cancelled$");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(cli.run("show", second).stdout()).startsWith(name + " run 2 CANCELLED"));
    GortCli.Result runs = cli.run("runs", "--pipeline", name);
    assertThat(
            runs.stdout()
                .lines()
                .skip(1)
                .map(line -> line.split(" +")[1] + " " + line.split(" +")[2]))
        .as(runs.toString())
        .containsExactly("2 CANCELLED", "1 SUCCEEDED");
    GortCli.Result missing = cli.run("show", "no-such-run");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).contains("404");
  }

  @Test
  void anUploadedLocalReportIsListedByTheServersReports() throws Exception {
    GortCli cli = loggedInAsAlice();
    String name = "cli-upload-" + StackClient.shortId();
    Path file =
        pipelineFile(name, "[build]", "  compile: {stage: build, script: [\"echo here\"]}\n");
    GortCli.Result local = cli.run("run", file.toString(), "--local", "--repository", "r-" + name);
    assertThat(local.exitCode()).as(local.toString()).isZero();
    Path report = home.resolve("reports").resolve(name).resolve("1.json");

    GortCli.Result upload = cli.run("upload", report.toString());
    GortCli.Result again = cli.run("upload", report.toString());

    assertThat(upload.exitCode()).as(upload.toString()).isZero();
    String id = upload.stdout().lines().skip(1).findFirst().orElseThrow().split(" +")[0];
    assertThat(upload.stdout())
        .containsPattern("(?m)^" + id + " +" + name + " +1 +SUCCEEDED +local$");
    assertThat(again.stdout()).as("the same report is stored once").isEqualTo(upload.stdout());
    GortCli.Result listed = cli.run("reports", "--pipeline", name);
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.stdout().lines().skip(1))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith(name + "  1    SUCCEEDED  uploaded  r-" + name)
                    .endsWith(id));
    JsonNode json =
        JSON.readTree(cli.run("--output", "json", "reports", "--repo", "r-" + name).stdout());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).path("id").asText()).isEqualTo(id);
    assertThat(json.get(0).path("origin").asText()).isEqualTo("uploaded");
    assertThat(json.get(0).path("report").path("where").asText()).isEqualTo("LOCAL");
    GortCli.Result notAReport = cli.run("upload", file.toString());
    assertThat(notAReport.exitCode()).as(notAReport.toString()).isEqualTo(2);
    assertThat(notAReport.stderr()).startsWith("gort: " + file + " is not a pipeline report: ");
  }

  private static String withoutClock(String line) {
    return line.replaceAll("  [0-9.]+ s$", "");
  }
}
