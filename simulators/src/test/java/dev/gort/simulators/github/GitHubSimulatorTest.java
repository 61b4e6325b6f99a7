package dev.gort.simulators.github;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class GitHubSimulatorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @ConfigProperty(name = "gort.sim.github.token")
  String token;

  @ConfigProperty(name = "gort.sim.github.webhook-secret")
  String secret;

  private WebhookReceiver receiver;
  private String owner;
  private String repo;
  private String experiment;

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    owner = "gort-tests";
    repo = "repo-" + suffix;
    experiment = "exp-" + suffix;
    configure(Map.of("webhookUrl", receiver.url(), "foreignRuns", false));
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void dispatchWithRunDetailsAnswers200AndTheRunHasGitHubsShape() {
    Response answer = dispatch(1, "run-1", true);

    answer.then().statusCode(200).contentType(ContentType.JSON);
    long runId = answer.jsonPath().getLong("workflow_run_id");
    assertThat(answer.jsonPath().getString("run_url"))
        .endsWith("/github/repos/" + owner + "/" + repo + "/actions/runs/" + runId);
    assertThat(answer.jsonPath().getString("html_url"))
        .endsWith("/" + owner + "/" + repo + "/actions/runs/" + runId);
    JsonPath run = run(runId);
    assertThat(run.getLong("id")).isEqualTo(runId);
    assertThat(run.getString("name")).isEqualTo("gort att-1-" + experiment);
    assertThat(run.getString("display_title")).isEqualTo("gort att-1-" + experiment);
    assertThat(run.getString("event")).isEqualTo("workflow_dispatch");
    assertThat(run.getString("head_branch")).isEqualTo("main");
    assertThat(run.getString("head_sha")).matches("[0-9a-f]{40}");
    assertThat(run.getString("path")).isEqualTo(".github/workflows/gort.yml");
    assertThat(run.getInt("run_number")).isEqualTo(1);
    assertThat(run.getInt("run_attempt")).isEqualTo(1);
    assertThat(run.getString("url")).isEqualTo(answer.jsonPath().getString("run_url"));
    assertThat(run.getString("artifacts_url")).isEqualTo(run.getString("url") + "/artifacts");
    assertThat(run.getString("cancel_url")).isEqualTo(run.getString("url") + "/cancel");
    assertThat(run.getString("repository.full_name")).isEqualTo(owner + "/" + repo);
    assertThat(run.getLong("workflow_id")).isPositive();
    assertThat(Instant.parse(run.getString("created_at"))).isBeforeOrEqualTo(Instant.now());
    assertThat(run.getString("status")).isIn("queued", "in_progress", "completed");
    assertThat(jobs())
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.get("jobId")).isEqualTo(Long.toString(runId));
              assertThat(job.get("repository")).isEqualTo(owner + "/" + repo);
              assertThat(job.get("workflow")).isEqualTo("gort.yml");
              assertThat(job.get("runId")).isEqualTo("run-1");
              assertThat(job.get("attempt")).isEqualTo(1);
              assertThat(job.get("scenario")).isEqualTo("pass");
            });
  }

  @Test
  void passingRunUploadsAZipOfItsResults() throws IOException {
    long runId = dispatchRun(1);
    awaitConclusion(runId, "success");

    JsonPath artifacts =
        api()
            .get(path("/actions/runs/" + runId + "/artifacts?name=test-results"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(artifacts.getInt("total_count")).isEqualTo(1);
    assertThat(artifacts.getString("artifacts[0].name")).isEqualTo("test-results");
    assertThat(artifacts.getBoolean("artifacts[0].expired")).isFalse();
    assertThat(artifacts.getLong("artifacts[0].workflow_run.id")).isEqualTo(runId);
    api()
        .get(path("/actions/runs/" + runId + "/artifacts?name=other"))
        .then()
        .body("total_count", equalTo(0))
        .body("artifacts", hasSize(0));
    Map<String, String> zip = download(artifacts.getString("artifacts[0].archive_download_url"));
    assertThat(zip).containsOnlyKeys("TEST-gort.xml");
    assertThat(zip.get("TEST-gort.xml"))
        .contains("<testsuite name=\"gort.")
        .contains("tests=\"2\" failures=\"0\"")
        .contains("<testcase name=\"smoke\"");
    assertThat(artifacts.getInt("artifacts[0].size_in_bytes")).isPositive();
  }

  @Test
  void dispatchWithoutRunDetailsAnswers204() {
    dispatch(1, "run-204", false).then().statusCode(204);
    assertThat(jobs()).hasSize(1);
  }

  @Test
  void missingOrWrongTokenIs401BadCredentials() {
    for (RequestSpecification request :
        List.of(given(), given().header("Authorization", "Bearer wrong-token"))) {
      request
          .contentType(ContentType.JSON)
          .body(Map.of("ref", "main"))
          .post(path("/actions/workflows/gort.yml/dispatches"))
          .then()
          .statusCode(401)
          .contentType(ContentType.JSON)
          .body("message", equalTo("Bad credentials"))
          .body("documentation_url", containsString("docs.github.com"));
    }
    given()
        .header("Authorization", "token " + token)
        .get(path("/actions/runs/1"))
        .then()
        .statusCode(404)
        .body("message", equalTo("Not Found"));
    assertThat(jobs()).isEmpty();
  }

  @Test
  void oldEnterpriseIgnoringRunDetailsAnswers204AndTheRunIsFoundByName() {
    configure(Map.of("runDetails", "ignored"));
    String before = Instant.now().minusSeconds(5).toString();

    dispatch(1, "run-old", true).then().statusCode(204);

    JsonPath runs =
        api()
            .queryParam("event", "workflow_dispatch")
            .queryParam("created", ">=" + before)
            .get(path("/actions/workflows/gort.yml/runs"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(runs.getInt("total_count")).isEqualTo(1);
    assertThat(runs.getString("workflow_runs[0].name")).isEqualTo("gort att-1-" + experiment);
    assertThat(runs.getString("workflow_runs[0].id")).isEqualTo(jobs().get(0).get("jobId"));
    api()
        .queryParam("created", ">=" + Instant.now().plusSeconds(60))
        .get(path("/actions/workflows/gort.yml/runs"))
        .then()
        .body("total_count", equalTo(0));
  }

  @Test
  void oldEnterpriseRejectingRunDetailsAnswers422NamingIt() {
    configure(Map.of("runDetails", "rejected"));

    dispatch(1, "run-rej", true)
        .then()
        .statusCode(422)
        .body("message", containsString("return_run_details"));
    assertThat(jobs()).isEmpty();
    dispatch(1, "run-rej", false).then().statusCode(204);
    assertThat(jobs()).hasSize(1);
  }

  @Test
  void invalidDispatchesAreRefusedLikeGitHub() {
    Map<String, Object> tooMany = new LinkedHashMap<>();
    for (int i = 0; i < 26; i++) {
      tooMany.put("input_" + i, "v");
    }
    post("gort.yml", Map.of("ref", "main", "inputs", tooMany))
        .then()
        .statusCode(422)
        .body("message", containsString("25"));
    post("missing.yml", Map.of("ref", "main"))
        .then()
        .statusCode(404)
        .body("message", equalTo("Not Found"));
    post("gort.yml", Map.of("ref", "no-such-branch"))
        .then()
        .statusCode(422)
        .body("message", equalTo("No ref found for: no-such-branch"));
    post("gort.yml", Map.of("inputs", Map.of()))
        .then()
        .statusCode(422)
        .body("message", containsString("\"ref\" wasn't supplied"));
    api()
        .contentType(ContentType.JSON)
        .body("{not json")
        .post(path("/actions/workflows/gort.yml/dispatches"))
        .then()
        .statusCode(400)
        .body("message", equalTo("Problems parsing JSON"));
    assertThat(jobs()).isEmpty();
    // by numeric id, as GitHub takes either
    String workflowId = run(dispatchRun(1)).getString("workflow_id");
    post(workflowId, Map.of("ref", "refs/heads/main")).then().statusCode(204);
  }

  @Test
  void runListsArePagedLikeGitHub() {
    long first = dispatchRun(1);
    long second = dispatchRun(2);
    long third = dispatchRun(3);

    Response page1 = api().queryParam("per_page", 2).get(path("/actions/workflows/gort.yml/runs"));
    page1.then().statusCode(200).body("total_count", equalTo(3));
    assertThat(page1.jsonPath().getList("workflow_runs.id", Long.class))
        .containsExactly(third, second);
    assertThat(page1.header("Link")).contains("page=2").contains("rel=\"next\"");
    Response page2 =
        api()
            .queryParam("per_page", 2)
            .queryParam("page", 2)
            .get(path("/actions/workflows/gort.yml/runs"));
    assertThat(page2.jsonPath().getList("workflow_runs.id", Long.class)).containsExactly(first);
    assertThat(page2.jsonPath().getList("workflow_runs.run_number", Integer.class))
        .containsExactly(1);
  }

  @Test
  void imposedRateLimitFailsTheNextCallsWithGitHubsHeaders() {
    long runId = dispatchRun(1);
    rateLimit(Map.of("calls", 2, "status", 429, "retryAfterSeconds", 7));

    for (int i = 0; i < 2; i++) {
      Response limited = api().get(path("/actions/runs/" + runId));
      limited.then().statusCode(429).body("message", containsString("rate limit"));
      assertThat(limited.header("Retry-After")).isEqualTo("7");
      assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
    }
    Response ok = api().get(path("/actions/runs/" + runId));
    ok.then().statusCode(200);
    assertThat(Integer.parseInt(ok.header("x-ratelimit-remaining"))).isPositive();

    rateLimit(Map.of("calls", 1, "status", 403, "resetInSeconds", 120));
    Response primary = api().get(path("/actions/runs/" + runId));
    primary.then().statusCode(403);
    assertThat(primary.header("Retry-After")).isNull();
    assertThat(primary.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(Long.parseLong(primary.header("x-ratelimit-reset")))
        .isBetween(Instant.now().getEpochSecond() + 100, Instant.now().getEpochSecond() + 130);
    api().get(path("/actions/runs/" + runId)).then().statusCode(200);
  }

  @Test
  void passingRunSendsSignedWorkflowRunAndJobEventsInOrder() {
    scenario(List.of("pass"), 0);
    long runId = dispatchRun(1);

    await().atMost(WAIT).until(() -> receiver.about(runId).size() == 6);
    List<WebhookReceiver.Received> events = receiver.about(runId);
    assertThat(events.stream().map(e -> e.event() + ":" + e.action()))
        .containsExactly(
            "workflow_run:requested",
            "workflow_job:queued",
            "workflow_run:in_progress",
            "workflow_job:in_progress",
            "workflow_job:completed",
            "workflow_run:completed");
    for (WebhookReceiver.Received event : events) {
      assertThat(event.signature()).isEqualTo("sha256=" + hmacHex(secret, event.body()));
      assertThat(UUID.fromString(event.deliveryId())).isNotNull();
      assertThat(event.userAgent()).startsWith("GitHub-Hookshot/");
      assertThat(event.contentType()).startsWith("application/json");
      assertThat(event.hookId()).matches("[0-9]+");
    }
    assertThat(events.stream().map(WebhookReceiver.Received::deliveryId).distinct()).hasSize(6);
    JsonNode completed = events.get(5).json();
    assertThat(completed.fieldNames())
        .toIterable()
        .containsExactly("action", "workflow_run", "workflow", "repository", "sender");
    assertThat(completed.at("/workflow_run/conclusion").asText()).isEqualTo("success");
    assertThat(completed.at("/workflow_run/status").asText()).isEqualTo("completed");
    assertThat(completed.at("/workflow_run/run_attempt").asInt()).isEqualTo(1);
    assertThat(completed.at("/workflow_run/artifacts_url").asText()).endsWith(runId + "/artifacts");
    assertThat(completed.at("/workflow/path").asText()).isEqualTo(".github/workflows/gort.yml");
    assertThat(completed.at("/repository/full_name").asText()).isEqualTo(owner + "/" + repo);
    assertThat(completed.at("/sender/login").asText()).isNotBlank();
    assertThat(events.get(4).json().at("/workflow_job/conclusion").asText()).isEqualTo("success");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(jobs().get(0).get("webhooksSent")).isEqualTo(6));
  }

  @Test
  void scenarioWordsDecideTheConclusion() throws IOException {
    scenario(List.of("fail", "report-timeout", "infra-failure", "cancelled", "bad-results"), 0);
    Map<Integer, Long> runs = new HashMap<>();
    for (int attempt = 1; attempt <= 5; attempt++) {
      runs.put(attempt, dispatchRun(attempt));
    }

    awaitConclusion(runs.get(1), "failure");
    awaitConclusion(runs.get(2), "timed_out");
    awaitConclusion(runs.get(3), "startup_failure");
    awaitConclusion(runs.get(4), "cancelled");
    awaitConclusion(runs.get(5), "success");
    await().atMost(WAIT).until(() -> completedWebhook(runs.get(3)) != null);
    assertThat(receiver.about(runs.get(3)).stream().map(WebhookReceiver.Received::event))
        .containsExactly("workflow_run", "workflow_run");
    assertThat(completedWebhook(runs.get(3)).at("/workflow_run/conclusion").asText())
        .isEqualTo("startup_failure");
    api()
        .get(path("/actions/runs/" + runs.get(4) + "/artifacts"))
        .then()
        .body("total_count", equalTo(0));
    String url =
        api()
            .get(path("/actions/runs/" + runs.get(5) + "/artifacts"))
            .jsonPath()
            .getString("artifacts[0].archive_download_url");
    assertThat(download(url).get("TEST-gort.xml")).isEqualTo("<testsuite><testcase");
    assertThat(jobs().stream().map(j -> j.get("scenario")))
        .containsExactly("fail", "report-timeout", "infra-failure", "cancelled", "bad-results");
  }

  @Test
  void timeoutRunStaysInProgressUntilCancelledThenReportsCancelled() {
    scenario(List.of("timeout"), 0);
    long runId = dispatchRun(1);
    await().atMost(WAIT).until(() -> "in_progress".equals(run(runId).getString("status")));
    await()
        .during(Duration.ofMillis(700))
        .atMost(WAIT)
        .until(() -> "in_progress".equals(run(runId).getString("status")));

    api().post(path("/actions/runs/" + runId + "/cancel")).then().statusCode(202);

    awaitConclusion(runId, "cancelled");
    await().atMost(WAIT).until(() -> completedWebhook(runId) != null);
    assertThat(completedWebhook(runId).at("/workflow_run/conclusion").asText())
        .isEqualTo("cancelled");
    api()
        .post(path("/actions/runs/" + runId + "/cancel"))
        .then()
        .statusCode(409)
        .body("message", containsString("completed"));
    assertThat(jobs().get(0).get("cancelled")).isEqualTo(true);
  }

  @Test
  void unresponsiveRunAnswers503AndSendsNothing() {
    scenario(List.of("unresponsive"), 0);
    long runId = dispatchRun(1);

    api().get(path("/actions/runs/" + runId)).then().statusCode(503);
    api().post(path("/actions/runs/" + runId + "/cancel")).then().statusCode(503);
    await()
        .during(Duration.ofMillis(700))
        .atMost(WAIT)
        .until(() -> receiver.about(runId).isEmpty());
  }

  @Test
  void lostWebhookRunCompletesAsTheApiSaysButNeverSendsAWebhook() {
    scenario(List.of("lost-webhook"), 0);
    long runId = dispatchRun(1);

    awaitConclusion(runId, "success");
    await()
        .during(Duration.ofMillis(700))
        .atMost(WAIT)
        .until(() -> receiver.about(runId).isEmpty());
    assertThat(jobs().get(0).get("webhooksSent")).isEqualTo(0);
  }

  @Test
  void foreignRunsAreSignedAndInterleavedButNotListedAsJobs() {
    configure(Map.of("foreignRuns", true));
    scenario(List.of("pass"), 0);
    long gortRun = dispatchRun(1);
    JsonPath foreign =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("conclusion", "failure", "delayMs", 0))
            .post("/sim/github/repos/{o}/{r}/foreign-runs", owner, repo)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    await().atMost(WAIT).until(() -> receiver.received().size() >= 18);
    Set<Long> foreignRuns =
        receiver.received().stream()
            .filter(e -> e.json().at("/workflow_run/path").asText("").endsWith("nightly.yml"))
            .map(WebhookReceiver.Received::runId)
            .collect(Collectors.toSet());
    assertThat(foreignRuns).hasSize(2).contains(foreign.getLong("id")).doesNotContain(gortRun);
    for (WebhookReceiver.Received event : receiver.received()) {
      assertThat(event.signature()).isEqualTo("sha256=" + hmacHex(secret, event.body()));
    }
    assertThat(jobs())
        .singleElement()
        .satisfies(j -> assertThat(j.get("jobId")).isEqualTo(Long.toString(gortRun)));
    api().get(path("/actions/workflows/gort.yml/runs")).then().body("total_count", equalTo(1));
    api().get(path("/actions/workflows/nightly.yml/runs")).then().body("total_count", equalTo(2));
  }

  @Test
  void pingIsSignedAndNamesTheHook() {
    given()
        .post("/sim/github/repos/{o}/{r}/ping", owner, repo)
        .then()
        .statusCode(200)
        .body("status", equalTo(202));

    WebhookReceiver.Received ping = receiver.received().get(0);
    assertThat(ping.event()).isEqualTo("ping");
    assertThat(ping.signature()).isEqualTo("sha256=" + hmacHex(secret, ping.body()));
    assertThat(ping.json().get("hook_id").asText()).isEqualTo(ping.hookId());
    assertThat(ping.json().at("/hook/config/url").asText()).isEqualTo(receiver.url());
    assertThat(ping.json().get("zen").asText()).isNotBlank();
  }

  @Test
  void redeliverSendsTheLastWebhookAgainUnderItsDeliveryId() {
    scenario(List.of("fail"), 0);
    long runId = dispatchRun(1);
    await().atMost(WAIT).until(() -> completedWebhook(runId) != null);
    await().atMost(WAIT).until(() -> receiver.about(runId).size() == 6);

    given()
        .post("/sim/runners/github-actions/jobs/{id}/redeliver", runId)
        .then()
        .statusCode(200)
        .body("status", equalTo(202));

    List<WebhookReceiver.Received> events = receiver.about(runId);
    assertThat(events).hasSize(7);
    assertThat(events.get(6).deliveryId()).isEqualTo(events.get(5).deliveryId());
    assertThat(events.get(6).body()).isEqualTo(events.get(5).body());
    assertThat(events.get(6).signature()).isEqualTo(events.get(5).signature());
  }

  @Test
  void failedDeliveriesAreRetried() {
    receiver.answering(503, 500);
    scenario(List.of("timeout"), 0);
    long runId = dispatchRun(1);

    await().atMost(WAIT).until(() -> receiver.about(runId).size() >= 5);
    List<WebhookReceiver.Received> events = receiver.about(runId);
    assertThat(events.subList(0, 3).stream().map(WebhookReceiver.Received::deliveryId).distinct())
        .hasSize(1);
    assertThat(events.get(0).action()).isEqualTo("requested");
  }

  @Test
  void webhookUrlOffTheGatewayIs400() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("webhookUrl", "http://example.com/hook"))
        .put("/sim/github/repos/{o}/{r}", owner, repo)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("gateway"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("runDetails", "sometimes"))
        .put("/sim/github/repos/{o}/{r}", owner, repo)
        .then()
        .statusCode(400)
        .body("detail", containsString("returned, ignored, rejected"));
  }

  // ---- helpers ----

  private RequestSpecification api() {
    return given()
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28");
  }

  private String path(String rest) {
    return "/github/repos/" + owner + "/" + repo + rest;
  }

  private Response post(String workflow, Map<String, Object> body) {
    return api()
        .contentType(ContentType.JSON)
        .body(body)
        .post(path("/actions/workflows/" + workflow + "/dispatches"));
  }

  private Response dispatch(int attempt, String runId, boolean details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", "main");
    body.put(
        "inputs",
        Map.of(
            "gort_run_id",
            runId,
            "gort_attempt",
            Integer.toString(attempt),
            "gort_attempt_id",
            "att-" + attempt + "-" + experiment,
            "gort_experiment",
            experiment,
            "gort_revision",
            "r1"));
    if (details) {
      body.put("return_run_details", true);
    }
    return post("gort.yml", body);
  }

  private long dispatchRun(int attempt) {
    Response answer = dispatch(attempt, "run-" + experiment, true);
    answer.then().statusCode(200);
    return answer.jsonPath().getLong("workflow_run_id");
  }

  private JsonPath run(long runId) {
    return api().get(path("/actions/runs/" + runId)).then().statusCode(200).extract().jsonPath();
  }

  private void awaitConclusion(long runId, String conclusion) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonPath run = run(runId);
              assertThat(run.getString("status")).isEqualTo("completed");
              assertThat(run.getString("conclusion")).isEqualTo(conclusion);
            });
  }

  private JsonNode completedWebhook(long runId) {
    return receiver.about(runId).stream()
        .filter(e -> "workflow_run".equals(e.event()) && "completed".equals(e.action()))
        .map(WebhookReceiver.Received::json)
        .findFirst()
        .orElse(null);
  }

  private List<Map<String, Object>> jobs() {
    return given()
        .queryParam("experiment", experiment)
        .get("/sim/runners/github-actions/jobs")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("value");
  }

  private void configure(Map<String, Object> settings) {
    given()
        .contentType(ContentType.JSON)
        .body(settings)
        .put("/sim/github/repos/{o}/{r}", owner, repo)
        .then()
        .statusCode(200);
  }

  private void scenario(List<String> attempts, long delayMs) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("attempts", attempts, "delayMs", delayMs))
        .put("/sim/runners/github-actions/scenarios/{e}", experiment)
        .then()
        .statusCode(200);
  }

  private void rateLimit(Map<String, Object> request) {
    given()
        .contentType(ContentType.JSON)
        .body(request)
        .post("/sim/github/rate-limit")
        .then()
        .statusCode(200);
  }

  /** Follows the archive URL's redirect (to this server's path) and unpacks the zip. */
  private Map<String, String> download(String archiveUrl) throws IOException {
    Response redirect = api().redirects().follow(false).get(URI.create(archiveUrl).getPath());
    redirect.then().statusCode(302);
    byte[] zip =
        given()
            .get(URI.create(redirect.header("Location")).getPath())
            .then()
            .statusCode(200)
            .contentType("application/zip")
            .extract()
            .asByteArray();
    Map<String, String> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** An HMAC-SHA256 computed here, independently of the code under test. */
  private static String hmacHex(String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
