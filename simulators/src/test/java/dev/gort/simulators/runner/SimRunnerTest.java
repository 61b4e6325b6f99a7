package dev.gort.simulators.runner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.signature.HmacSignature;
import dev.gort.simulators.CallbackReceiver;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class SimRunnerTest {

  private static final Duration CALLBACK_WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "gort.sim.runner-secret")
  String secret;

  private CallbackReceiver receiver;
  private String experiment;

  @BeforeEach
  void start() {
    receiver = CallbackReceiver.start();
    experiment = "exp-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void passJobCallsBackSigned() throws IOException {
    String jobId = dispatch(1, "run-1");

    assertThat(jobId).matches("[0-9a-f-]{36}");
    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 1);
    CallbackReceiver.Received callback = receiver.received().get(0);
    assertThat(
            HmacSignature.verifyCallback(
                secret, CallbackReceiver.TOKEN, callback.body(), callback.signature()))
        .isTrue();
    assertThat(callback.contentType()).startsWith("application/json");
    JsonNode body = JSON.readTree(callback.body());
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly(
            "jobId", "runId", "attempt", "experiment", "status", "resultsUrl", "finishedAt");
    assertThat(body.get("jobId").asText()).isEqualTo(jobId);
    assertThat(body.get("runId").asText()).isEqualTo("run-1");
    assertThat(body.get("attempt").asInt()).isEqualTo(1);
    assertThat(body.get("experiment").asText()).isEqualTo(experiment);
    assertThat(body.get("status").asText()).isEqualTo("passed");
    assertThat(body.get("resultsUrl").asText())
        .startsWith("http://")
        .endsWith("/runners/sim/jobs/" + jobId + "/results");
    assertThat(Instant.parse(body.get("finishedAt").asText())).isBeforeOrEqualTo(Instant.now());
    await()
        .atMost(CALLBACK_WAIT)
        .untilAsserted(
            () -> assertThat(job(jobId).getString("callbackStatus")).isEqualTo("delivered 202"));
    JsonPath listed = job(jobId);
    assertThat(listed.getInt("callbacksSent")).isEqualTo(1);
    assertThat(listed.getString("scenario")).isEqualTo("pass");
    assertThat(listed.getString("kind")).isEqualTo("test");
    assertThat(listed.getBoolean("cancelled")).isFalse();
    assertThat(listed.getString("callbackUrl")).isEqualTo(receiver.url());
  }

  @Test
  void scenarioDecidesEachAttemptAndItsLastEntryRepeats() throws IOException {
    scenario(List.of("fail", "report-timeout", "infra-failure"), 0);

    dispatch(1, "run-s");
    dispatch(2, "run-s");
    dispatch(3, "run-s");
    dispatch(4, "run-s");

    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 4);
    Map<Integer, String> statusByAttempt = new HashMap<>();
    for (CallbackReceiver.Received callback : receiver.received()) {
      JsonNode body = JSON.readTree(callback.body());
      statusByAttempt.put(body.get("attempt").asInt(), body.get("status").asText());
    }
    assertThat(statusByAttempt)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(1, "failed", 2, "timeout", 3, "infra-failure", 4, "infra-failure"));
    assertThat(jobs().getList("value.scenario"))
        .containsExactly("fail", "report-timeout", "infra-failure", "infra-failure");
    assertThat(jobs().getList("value.attempt")).containsExactly(1, 2, 3, 4);
  }

  @Test
  void timeoutJobNeverCallsBack() {
    scenario(List.of("timeout"), 0);

    String jobId = dispatch(1, "run-t");

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receiver.received().isEmpty());
    assertThat(job(jobId).getString("callbackStatus")).isEqualTo("none");
  }

  @Test
  void lostWebhookJobFinishesPassedWithoutEverCallingBack() {
    scenario(List.of("lost-webhook"), 0);
    String jobId = dispatch(1, "run-lw");

    await()
        .atMost(CALLBACK_WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/runners/sim/jobs/{id}", jobId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("passed")));
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.received().isEmpty());
    assertThat(job(jobId).getString("callbackStatus")).isEqualTo("none");
  }

  @Test
  void statusPollAnswersRunningUntilTheCallbackThenItsStatus() {
    scenario(List.of("fail"), 1_500);
    String jobId = dispatch(1, "run-p");

    given()
        .get("/runners/sim/jobs/{id}", jobId)
        .then()
        .statusCode(200)
        .body("jobId", equalTo(jobId))
        .body("status", equalTo("running"));
    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 1);
    given()
        .get("/runners/sim/jobs/{id}", jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("failed"));
    assertThat(job(jobId).getInt("statusPolls")).isEqualTo(2);
    given().get("/runners/sim/jobs/{id}", "no-such-job").then().statusCode(404);
  }

  @Test
  void unresponsiveJobAnswersNeitherStatusPollsNorCancels() {
    scenario(List.of("unresponsive"), 0);
    String jobId = dispatch(1, "run-u");

    given()
        .get("/runners/sim/jobs/{id}", jobId)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("detail", containsString("not answering"));
    given().post("/runners/sim/jobs/{id}/cancel", jobId).then().statusCode(503);

    assertThat(job(jobId).getInt("statusPolls")).isEqualTo(1);
    assertThat(job(jobId).getBoolean("cancelled")).isFalse();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receiver.received().isEmpty());
  }

  @Test
  void cancelTurnsPendingCallbackIntoCancelled() throws IOException {
    scenario(List.of("pass"), 60_000);
    String jobId = dispatch(1, "run-c");

    given().post("/runners/sim/jobs/{id}/cancel", jobId).then().statusCode(202);
    given().post("/runners/sim/jobs/{id}/cancel", jobId).then().statusCode(202);

    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 1);
    CallbackReceiver.Received callback = receiver.received().get(0);
    assertThat(JSON.readTree(callback.body()).get("status").asText()).isEqualTo("cancelled");
    assertThat(
            HmacSignature.verifyCallback(
                secret, CallbackReceiver.TOKEN, callback.body(), callback.signature()))
        .isTrue();
    assertThat(job(jobId).getBoolean("cancelled")).isTrue();
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.received().size() == 1);
  }

  @Test
  void cancelledTimeoutJobStillReportsCancelled() throws IOException {
    scenario(List.of("timeout"), 0);
    String jobId = dispatch(1, "run-ct");

    given().post("/runners/sim/jobs/{id}/cancel", jobId).then().statusCode(202);

    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 1);
    assertThat(JSON.readTree(receiver.received().get(0).body()).get("status").asText())
        .isEqualTo("cancelled");
    given().get("/runners/sim/jobs/{id}/results", jobId).then().statusCode(404);
  }

  @Test
  void cancelAfterTheCallbackOnlyMarksTheJob() {
    scenario(List.of("pass"), 0);
    String jobId = dispatch(1, "run-ca");
    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 1);

    given().post("/runners/sim/jobs/{id}/cancel", jobId).then().statusCode(202);

    assertThat(job(jobId).getBoolean("cancelled")).isTrue();
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.received().size() == 1);
    given()
        .get("/runners/sim/jobs/{id}/results", jobId)
        .then()
        .statusCode(200)
        .body("tests.status", equalTo(List.of("passed", "passed")));
  }

  @Test
  void redeliverSendsTheSameBytesAndSignatureAgain() {
    scenario(List.of("fail"), 0);
    String jobId = dispatch(1, "run-r");
    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 1);
    receiver.answering(200);

    given()
        .post("/sim/runners/sim/jobs/{id}/redeliver", jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo(200));

    List<CallbackReceiver.Received> received = receiver.received();
    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    assertThat(received.get(1).signature()).isEqualTo(received.get(0).signature());
    assertThat(job(jobId).getInt("callbacksSent")).isEqualTo(2);
  }

  @Test
  void redeliverBeforeAnyCallbackIs409Problem() {
    scenario(List.of("timeout"), 0);
    String jobId = dispatch(1, "run-r409");

    given()
        .post("/sim/runners/sim/jobs/{id}/redeliver", jobId)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString(jobId));
  }

  @Test
  void resultsOfPassFailAndBadResultsJobs() {
    scenario(List.of("pass", "fail", "bad-results"), 60_000);
    String passed = dispatch(1, "run-res");
    String failed = dispatch(2, "run-res");
    String garbled = dispatch(3, "run-res");

    given()
        .get("/runners/sim/jobs/{id}/results", passed)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("jobId", equalTo(passed))
        .body("experiment", equalTo(experiment))
        .body("tests.name", equalTo(List.of("smoke", "enrollment")))
        .body("tests.status", equalTo(List.of("passed", "passed")))
        .body("tests.durationMs", equalTo(List.of(12, 30)));
    given()
        .get("/runners/sim/jobs/{id}/results", failed)
        .then()
        .statusCode(200)
        .body("tests.status", equalTo(List.of("passed", "failed")))
        .body("tests[1].message", containsString("enrolled"));
    String body =
        given()
            .get("/runners/sim/jobs/{id}/results", garbled)
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .extract()
            .asString();
    assertThat(body).isEqualTo("<<not json>>");
    given()
        .get("/runners/sim/jobs/{id}/results", UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void badResultsJobReportsPassed() throws IOException {
    scenario(List.of("bad-results"), 0);
    dispatch(1, "run-b");

    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 1);
    assertThat(JSON.readTree(receiver.received().get(0).body()).get("status").asText())
        .isEqualTo("passed");
  }

  @Test
  void callbackIsRetriedAfterServerErrors() {
    receiver.answering(503, 500);
    scenario(List.of("pass"), 0);
    String jobId = dispatch(1, "run-5xx");

    await().atMost(CALLBACK_WAIT).until(() -> receiver.received().size() == 3);
    await()
        .atMost(CALLBACK_WAIT)
        .untilAsserted(
            () -> assertThat(job(jobId).getString("callbackStatus")).isEqualTo("delivered 202"));
    assertThat(job(jobId).getInt("callbacksSent")).isEqualTo(3);
    assertThat(receiver.received().get(2).body()).isEqualTo(receiver.received().get(0).body());
  }

  @Test
  void clientErrorAnswerIsFinal() {
    receiver.answering(401);
    scenario(List.of("pass"), 0);
    String jobId = dispatch(1, "run-4xx");

    await()
        .atMost(CALLBACK_WAIT)
        .untilAsserted(
            () -> assertThat(job(jobId).getString("callbackStatus")).isEqualTo("failed: 401"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receiver.received().size() == 1);
  }

  @Test
  void unreachableReceiverIsRetriedThenRecordedAsFailed() {
    scenario(List.of("pass"), 0);
    String url = receiver.url();
    receiver.close();

    String jobId = dispatch(1, "run-down", url);

    await()
        .atMost(CALLBACK_WAIT)
        .untilAsserted(
            () ->
                assertThat(job(jobId).getString("callbackStatus"))
                    .startsWith("failed: ")
                    .endsWith("after 4 attempts"));
    assertThat(job(jobId).getInt("callbacksSent")).isZero();
  }

  @Test
  void invalidDispatchIs400Problem() {
    Map<String, Object> valid = dispatchBody(1, "run-v", receiver.url());
    for (String field : List.of("runId", "experiment", "callbackUrl")) {
      Map<String, Object> body = new HashMap<>(valid);
      body.remove(field);
      post("/runners/sim/jobs", body)
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString(field));
    }
    Map<String, Object> attemptZero = new HashMap<>(valid);
    attemptZero.put("attempt", 0);
    post("/runners/sim/jobs", attemptZero)
        .statusCode(400)
        .body("detail", containsString("attempt"));
    Map<String, Object> badKind = new HashMap<>(valid);
    badKind.put("kind", "deploy");
    post("/runners/sim/jobs", badKind).statusCode(400).body("detail", containsString("deploy"));
    given()
        .contentType(ContentType.JSON)
        .body("{oops")
        .post("/runners/sim/jobs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(jobs().getList("value")).isEmpty();
  }

  @Test
  void unknownRunnerIs404Problem() {
    post("/runners/nope/jobs", dispatchBody(1, "run-u", receiver.url()))
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("nope"));
    given().get("/sim/runners/nope/jobs").then().statusCode(404);
  }

  @Test
  void jobsAreListedInOrderAndFilteredByRunId() {
    scenario(List.of("timeout"), 0);
    String first = dispatch(1, "run-a");
    String second = dispatch(1, "run-b");
    String third = dispatch(2, "run-a");

    assertThat(jobs().getList("value.jobId")).containsExactly(first, second, third);
    given()
        .queryParam("experiment", experiment)
        .queryParam("runId", "run-a")
        .get("/sim/runners/sim/jobs")
        .then()
        .statusCode(200)
        .body("value", hasSize(2))
        .body("value.jobId", equalTo(List.of(first, third)))
        .body("value[0].kind", equalTo("build"))
        .body("value[0].revision", equalTo("rev-1"));
  }

  private void scenario(List<String> attempts, long delayMs) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("attempts", attempts, "delayMs", delayMs))
        .put("/sim/runners/sim/scenarios/{experiment}", experiment)
        .then()
        .statusCode(200);
  }

  private String dispatch(int attempt, String runId) {
    return dispatch(attempt, runId, receiver.url());
  }

  private String dispatch(int attempt, String runId, String callbackUrl) {
    return post("/runners/sim/jobs", dispatchBody(attempt, runId, callbackUrl))
        .statusCode(201)
        .contentType(ContentType.JSON)
        .extract()
        .path("jobId");
  }

  private Map<String, Object> dispatchBody(int attempt, String runId, String callbackUrl) {
    return Map.of(
        "runId",
        runId,
        "attempt",
        attempt,
        "experiment",
        experiment,
        "revision",
        "rev-1",
        "kind",
        runId.startsWith("run-a") ? "build" : "test",
        "callbackUrl",
        callbackUrl);
  }

  private static io.restassured.response.ValidatableResponse post(String path, Object body) {
    return given().contentType(ContentType.JSON).body(body).post(path).then();
  }

  private JsonPath jobs() {
    return given()
        .queryParam("experiment", experiment)
        .get("/sim/runners/sim/jobs")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private JsonPath job(String jobId) {
    List<Map<String, Object>> all = jobs().getList("value");
    Map<String, Object> match =
        all.stream().filter(j -> jobId.equals(j.get("jobId"))).findFirst().orElseThrow();
    return new JsonPath(toJson(match));
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
