package dev.gort.gateway.runner.github;

import static dev.gort.gateway.runner.github.FakeGitHub.Answer.empty;
import static dev.gort.gateway.runner.github.FakeGitHub.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.RunnerStatus;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.JobRejectedException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerRateLimitedException;
import dev.gort.gateway.runner.RunnerRefusedException;
import dev.gort.gateway.runner.RunnerUnavailableException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner against a JDK HTTP server that answers as GitHub's REST API does. */
class GitHubActionsRunnerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DISPATCHES =
      "/repos/octo-org/experiments/actions/workflows/gort.yml/dispatches";
  private static final String RUNS = "/repos/octo-org/experiments/actions/workflows/gort.yml/runs";
  private static final String RUN = "/repos/octo-org/experiments/actions/runs/";

  private FakeGitHub github;
  private GitHubActionsRunner runner;
  private Map<String, Object> settings;

  @BeforeEach
  void start() {
    github = FakeGitHub.start();
    runner = new GitHubActionsRunner(GitHubFixtures.config(github.apiUrl()), Clock.systemUTC());
    settings = runner.checkSettings(RunKind.TEST, Map.of("inputs", Map.of("suite", "smoke")));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void dispatchSendsGortsInputsWithGitHubsHeadersAndAnswersTheRunId() throws Exception {
    github.on(
        "POST",
        DISPATCHES,
        json(
            200,
            "{\"workflow_run_id\":30000000001,\"run_url\":\"https://api.github.com/repos/octo-org/experiments/actions/runs/30000000001\",\"html_url\":\"https://github.com/octo-org/experiments/actions/runs/30000000001\"}"));

    String jobId = runner.dispatch(request(false));

    assertThat(jobId).isEqualTo("30000000001");
    FakeGitHub.Request sent = github.requests("POST", DISPATCHES).get(0);
    assertThat(sent.header("Authorization")).isEqualTo("Bearer test-token");
    assertThat(sent.header("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(sent.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(sent.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.get("ref").asText()).isEqualTo("main");
    assertThat(body.get("return_run_details").asBoolean()).isTrue();
    assertThat(JSON.convertValue(body.get("inputs"), Map.class))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "gort_run_id", "run-7",
                "gort_attempt", "2",
                "gort_attempt_id", "att-7-2",
                "gort_experiment", "exp-a",
                "gort_revision", "rev-1",
                "suite", "smoke"));
    assertThat(github.requests()).hasSize(1);
    assertThat(runner.callbackStyle()).isEqualTo(CallbackStyle.PER_RUNNER);
  }

  @Test
  void dispatchAnswered204FindsTheRunByItsName() {
    github.on("POST", DISPATCHES, empty(204));
    github.on(
        "GET",
        RUNS,
        json(200, GitHubFixtures.runs()),
        json(
            200,
            GitHubFixtures.runs(
                GitHubFixtures.run(41, "gort att-7-1", "queued", null),
                GitHubFixtures.run(42, "gort att-7-2", "queued", null))));
    Instant before = Instant.now();

    String jobId = runner.dispatch(request(false));

    assertThat(jobId).isEqualTo("42");
    FakeGitHub.Request lookup = github.requests("GET", RUNS).get(0);
    String query = URLDecoder.decode(lookup.query(), StandardCharsets.UTF_8);
    assertThat(query).contains("event=workflow_dispatch").contains("per_page=100");
    Instant created = Instant.parse(query.replaceAll(".*created=>=([^&]+).*", "$1"));
    assertThat(created).isBefore(before).isAfter(before.minusSeconds(120));
    assertThat(github.requests("GET", RUNS)).hasSize(2);
  }

  @Test
  void dispatchRefusingReturnRunDetailsIsSentAgainWithoutIt() throws Exception {
    github.on(
        "POST",
        DISPATCHES,
        json(
            422,
            "{\"message\":\"Invalid request.\\n\\n\\\"return_run_details\\\" is not a permitted key.\",\"documentation_url\":\"https://docs.github.com/enterprise-server@3.14/rest\"}"),
        empty(204));
    github.on(
        "GET",
        RUNS,
        json(200, GitHubFixtures.runs(GitHubFixtures.run(43, "gort att-7-2", "queued", null))));

    assertThat(runner.dispatch(request(false))).isEqualTo("43");

    assertThat(github.requests("POST", DISPATCHES)).hasSize(2);
    assertThat(
            JSON.readTree(github.requests("POST", DISPATCHES).get(1).body())
                .has("return_run_details"))
        .isFalse();
  }

  @Test
  void retriedDispatchAnswersTheRunAnEarlierTryStarted() {
    github.on(
        "GET",
        RUNS,
        json(
            200, GitHubFixtures.runs(GitHubFixtures.run(44, "gort att-7-2", "in_progress", null))));

    assertThat(runner.dispatch(request(true))).isEqualTo("44");

    assertThat(github.requests("POST", DISPATCHES)).isEmpty();
    String query =
        URLDecoder.decode(github.requests("GET", RUNS).get(0).query(), StandardCharsets.UTF_8);
    Instant created = Instant.parse(query.replaceAll(".*created=>=([^&]+).*", "$1"));
    assertThat(created).isBefore(Instant.now().minusSeconds(5 * 3600));
  }

  @Test
  void retriedDispatchWithoutAnEarlierRunDispatches() {
    github.on(
        "GET",
        RUNS,
        json(
            200, GitHubFixtures.runs(GitHubFixtures.run(45, "gort someone-else", "queued", null))));
    github.on(
        "POST",
        DISPATCHES,
        json(200, "{\"workflow_run_id\":46,\"run_url\":\"u\",\"html_url\":\"h\"}"));

    assertThat(runner.dispatch(request(true))).isEqualTo("46");
  }

  @Test
  void runThatNeverAppearsIsUnavailableNamingRunName() {
    github.on("POST", DISPATCHES, empty(204));
    github.on("GET", RUNS, json(200, GitHubFixtures.runs()));

    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .isNotInstanceOf(RunnerRefusedException.class)
        .hasMessageContaining("gort att-7-2")
        .hasMessageContaining("run-name");
    assertThat(github.requests("GET", RUNS).size()).isBetween(3, 8);
  }

  @Test
  void unknownWorkflowOrRefEndsTheAttempt() {
    github.on("POST", DISPATCHES, json(404, GitHubFixtures.NOT_FOUND));
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(JobRejectedException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("octo-org/experiments");

    github.close();
    github = FakeGitHub.start();
    runner = new GitHubActionsRunner(GitHubFixtures.config(github.apiUrl()), Clock.systemUTC());
    github.on(
        "POST",
        DISPATCHES,
        json(
            422,
            "{\"message\":\"No ref found for: main\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"422\"}"));
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(JobRejectedException.class)
        .hasMessageContaining("No ref found for: main");
  }

  @Test
  void badCredentialsAreUnavailableSayingWhichSetting() {
    github.on("POST", DISPATCHES, json(401, GitHubFixtures.BAD_CREDENTIALS));

    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .isNotInstanceOf(RunnerRefusedException.class)
        .hasMessageContaining("401")
        .hasMessageContaining("gort.runner.github-actions.token");
  }

  @Test
  void primaryRateLimitWaitsUntilItsReset() {
    long reset = Instant.now().plusSeconds(900).getEpochSecond();
    github.on(
        "POST",
        DISPATCHES,
        json(
                403,
                "{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")
            .with("x-ratelimit-limit", "5000")
            .with("x-ratelimit-remaining", "0")
            .with("x-ratelimit-reset", Long.toString(reset)));

    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOfSatisfying(
            RunnerRateLimitedException.class,
            e -> assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(reset)));
  }

  @Test
  void secondaryRateLimitWaitsRetryAfter() {
    github.on(
        "POST",
        DISPATCHES,
        json(429, "{\"message\":\"You have exceeded a secondary rate limit.\"}")
            .with("Retry-After", "30"));
    Instant before = Instant.now();

    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOfSatisfying(
            RunnerRateLimitedException.class,
            e ->
                assertThat(e.retryAt())
                    .isBetween(before.plusSeconds(29), Instant.now().plusSeconds(31)));
  }

  @Test
  void serverErrorsAndUnreachableGitHubAreUnavailable() {
    github.on("POST", DISPATCHES, json(502, "{\"message\":\"Server Error\"}"));
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .hasMessageContaining("502");

    github.close();
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .hasMessageContaining("cannot be reached");
  }

  @Test
  void cancelAnswersForEveryStateOfTheRun() {
    github.on("POST", RUN + "50/cancel", json(202, "{}"));
    github.on(
        "POST",
        RUN + "51/cancel",
        json(409, "{\"message\":\"Cannot cancel a workflow run that is completed.\"}"));
    github.on("POST", RUN + "53/cancel", json(500, "{\"message\":\"Server Error\"}"));

    assertThat(runner.cancel(job("50"))).contains("cancel requested");
    assertThat(runner.cancel(job("51"))).contains("409").contains("nothing left to halt");
    assertThat(runner.cancel(job("52"))).contains("404").contains("nothing to halt");
    assertThatThrownBy(() -> runner.cancel(job("53")))
        .isInstanceOf(RunnerUnavailableException.class)
        .isNotInstanceOf(RunnerRefusedException.class);
    assertThat(github.requests("POST", RUN + "50/cancel").get(0).header("Authorization"))
        .isEqualTo("Bearer test-token");
  }

  @Test
  void statusPollRecoversACompletedRunFromItsConclusion() {
    github.on("GET", RUN + "60", json(200, GitHubFixtures.run(60, "gort a", "in_progress", null)));
    github.on(
        "GET", RUN + "61", json(200, GitHubFixtures.run(61, "gort a", "completed", "success")));
    github.on(
        "GET",
        RUN + "62",
        json(200, GitHubFixtures.run(62, "gort a", "completed", "startup_failure")));

    RunnerJobStatus running = runner.status(job("60"));
    assertThat(running.finished()).isFalse();
    assertThat(running.status()).isEqualTo("in_progress");

    RunnerJobStatus passed = runner.status(job("61"));
    assertThat(passed.finished()).isTrue();
    assertThat(passed.report().outcome()).isEqualTo(RunnerStatus.PASSED);
    assertThat(passed.report().jobId()).isEqualTo("61");
    assertThat(passed.report().kind()).isEqualTo(RunKind.TEST);
    assertThat(passed.report().resultsUrl())
        .isEqualTo(
            "https://api.github.com/repos/octo-org/experiments/actions/runs/61/artifacts?name=test-results");

    RunnerJobStatus broken = runner.status(job("62"));
    assertThat(broken.report().outcome()).isEqualTo(RunnerStatus.INFRA_FAILURE);
    assertThat(broken.report().resultsUrl()).isNull();
    assertThat(broken.report().detail()).contains("startup_failure");

    assertThat(runner.status(job("63")).finished()).isFalse();
  }

  @Test
  void statusPollOfAnUnansweringRunIsUnavailable() {
    github.on("GET", RUN + "70", json(503, "{\"message\":\"Service Unavailable\"}"));

    assertThatThrownBy(() -> runner.status(job("70")))
        .isInstanceOf(RunnerUnavailableException.class);
  }

  @Test
  void unconfiguredRunnerSaysWhatIsMissingAndCallsNothing() {
    GitHubFixtures.GitHubActionsConfigValues full = GitHubFixtures.config(github.apiUrl());
    GitHubActionsRunner bare =
        new GitHubActionsRunner(
            new GitHubFixtures.GitHubActionsConfigValues(
                full.apiUrl(),
                Optional.empty(),
                Optional.of(""),
                full.repository(),
                full.workflow(),
                full.ref(),
                full.artifact(),
                full.connectTimeout(),
                full.readTimeout(),
                full.findRunWithin(),
                full.findRunEvery(),
                full.handedOverLookback()),
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    assertThat(bare.unconfiguredReason())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("GORT_GITHUB_TOKEN")
                    .contains("GORT_GITHUB_WEBHOOK_SECRET"));
    assertThatThrownBy(() -> bare.dispatch(request(false)))
        .isInstanceOf(RunnerUnavailableException.class);
    assertThat(github.requests()).isEmpty();
    assertThat(runner.unconfiguredReason()).isEmpty();
  }

  private DispatchRequest request(boolean handedOverBefore) {
    return new DispatchRequest(
        "att-7-2", "run-7", 2, "exp-a", "rev-1", RunKind.TEST, null, settings, handedOverBefore);
  }

  private RunnerJob job(String id) {
    return new RunnerJob(id, RunKind.TEST, settings);
  }
}
