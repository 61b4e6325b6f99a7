package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

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
 * usage (2), each with one line on stderr.
 */
class CliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

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

  private static String withoutClock(String line) {
    return line.replaceAll("  [0-9.]+ s$", "");
  }
}
