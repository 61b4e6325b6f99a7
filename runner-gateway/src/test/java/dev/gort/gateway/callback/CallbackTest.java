package dev.gort.gateway.callback;

import static dev.gort.gateway.testing.GatewayTestSupport.jobsAtRunner;
import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static dev.gort.gateway.testing.GatewayTestSupport.runRequested;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.signature.HmacSignature;
import dev.gort.common.testing.KafkaEvents;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runners' callbacks: signed, stored once, turned into exactly one {@code RunCompleted}. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class CallbackTest {

  private static final String SECRET = "test-sim-secret";
  private static final String SIGNATURE = "X-Gort-Signature";
  private static final String PROBLEM = "application/problem+json";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "quarkus.rest-client.sim-runner.url")
  String runnerUrl;

  @Inject DataSource dataSource;

  KafkaEvents kafka;

  /** A run handed to the test's runner: what the runner knows about it. */
  record DispatchedJob(String runId, String jobId, String attemptId) {}

  @BeforeEach
  void connect() {
    kafka = new KafkaEvents(bootstrap);
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void validCallbackIsAcceptedAndCompletesTheRunOnce() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");

    post(job.attemptId(), body, HmacSignature.sign(SECRET, bytes(body)))
        .statusCode(202)
        .body("duplicate", equalTo(false))
        .body("attemptId", equalTo(job.attemptId()));

    List<RunCompleted> completed = awaitCompleted(job.runId());
    assertThat(completed).hasSize(1);
    RunCompleted c = completed.get(0);
    assertThat(c.status()).isEqualTo(RunnerStatus.PASSED);
    assertThat(c.attempt()).isEqualTo(1);
    assertThat(c.runner()).isEqualTo("sim");
    assertThat(c.runnerJobId()).isEqualTo(job.jobId());
    assertThat(c.resultsUrl()).isEqualTo("http://x/r");
    assertThat(attemptState(job.attemptId())).isEqualTo("CALLED_BACK");
  }

  @Test
  void duplicateCallbackChangesNothing() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");
    String signature = HmacSignature.sign(SECRET, bytes(body));
    post(job.attemptId(), body, signature).statusCode(202);
    awaitCompleted(job.runId());

    post(job.attemptId(), body, signature)
        .statusCode(200)
        .body("duplicate", equalTo(true))
        .body("attemptId", equalTo(job.attemptId()));

    // the one place a bounded wait for absence is the point: no second RunCompleted may follow
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class).size() == 1);
    assertThat(
            number("SELECT deliveries FROM runner_callback WHERE attempt_id = ?", job.attemptId()))
        .isEqualTo(2);
    assertThat(outboxRows(job.runId(), "dev.gort.run.completed.v1")).isEqualTo(1);
  }

  @Test
  void laterCallbackWithAnotherStatusDoesNotOverwriteTheFirst() {
    DispatchedJob job = dispatchedJob();
    String passed = callbackBody(job, "passed");
    String failed = callbackBody(job, "failed");
    post(job.attemptId(), passed, HmacSignature.sign(SECRET, bytes(passed))).statusCode(202);

    post(job.attemptId(), failed, HmacSignature.sign(SECRET, bytes(failed)))
        .statusCode(200)
        .body("duplicate", equalTo(true));

    assertThat(storedStatus(job.attemptId())).isEqualTo("PASSED");
    assertThat(outboxRows(job.runId(), "dev.gort.run.completed.v1")).isEqualTo(1);
  }

  @Test
  void callbackWithoutSignatureIsUnauthorizedAndChangesNothing() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");

    given()
        .contentType("application/json")
        .body(bytes(body))
        .queryParam("attempt", job.attemptId())
        .post("/api/v1/callbacks/sim/test")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .body("status", equalTo(401))
        .body("detail", containsString("signature"));

    assertNothingRecorded(job);
  }

  @Test
  void callbackWithWrongSignatureIsUnauthorizedAndChangesNothing() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");
    String tampered = body.replace("passed", "failed");

    post(job.attemptId(), body, HmacSignature.sign("not-the-secret", bytes(body)))
        .statusCode(401)
        .contentType(PROBLEM);
    post(job.attemptId(), tampered, HmacSignature.sign(SECRET, bytes(body)))
        .statusCode(401)
        .contentType(PROBLEM);

    assertNothingRecorded(job);
  }

  @Test
  void malformedBodyWithValidSignatureIsABadRequest() {
    DispatchedJob job = dispatchedJob();
    String body = "{\"jobId\": \"" + job.jobId() + "\", \"status\": ";

    post(job.attemptId(), body, HmacSignature.sign(SECRET, bytes(body)))
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400));

    assertNothingRecorded(job);
  }

  @Test
  void emptyBodyWithValidSignatureIsABadRequest() {
    DispatchedJob job = dispatchedJob();

    post(job.attemptId(), "", HmacSignature.sign(SECRET, new byte[0]))
        .statusCode(400)
        .contentType(PROBLEM);

    assertNothingRecorded(job);
  }

  @Test
  void unknownStatusWithValidSignatureIsABadRequest() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "exploded");

    post(job.attemptId(), body, HmacSignature.sign(SECRET, bytes(body)))
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", containsString("exploded"));

    assertNothingRecorded(job);
  }

  @Test
  void callbackForAnUnknownAttemptIsNotFound() {
    String body =
        "{\"jobId\":\"sim-job-x\",\"runId\":\"run-x\",\"attempt\":1,\"status\":\"passed\","
            + "\"resultsUrl\":\"http://x/r\"}";

    post("no-such-attempt", body, HmacSignature.sign(SECRET, bytes(body)))
        .statusCode(404)
        .contentType(PROBLEM)
        .body("status", equalTo(404));
  }

  @Test
  void callbackWithoutAttemptParameterIsABadRequest() {
    String body =
        "{\"jobId\":\"sim-job-x\",\"runId\":\"run-x\",\"attempt\":1,\"status\":\"passed\"}";

    given()
        .contentType("application/json")
        .header(SIGNATURE, HmacSignature.sign(SECRET, bytes(body)))
        .body(bytes(body))
        .post("/api/v1/callbacks/sim/test")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void callbackForAnUnknownRunnerOrKindIsNotFound() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");
    String signature = HmacSignature.sign(SECRET, bytes(body));

    for (String path : List.of("/api/v1/callbacks/nosuch/test", "/api/v1/callbacks/sim/deploy")) {
      given()
          .contentType("application/json")
          .header(SIGNATURE, signature)
          .body(bytes(body))
          .queryParam("attempt", job.attemptId())
          .post(path)
          .then()
          .statusCode(404)
          .contentType(PROBLEM);
    }

    assertNothingRecorded(job);
  }

  private DispatchedJob dispatchedJob() {
    String runId = newRunId();
    kafka.publish(Topics.RUNS_REQUESTED, runRequested(runId, "exp-callback"));
    List<Map<String, Object>> jobs =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> jobsAtRunner(runnerUrl, runId), j -> !j.isEmpty());
    Map<String, Object> job = jobs.get(0);
    URI callback = URI.create((String) job.get("callbackUrl"));
    assertThat(callback.getPath()).isEqualTo("/api/v1/callbacks/sim/test");
    assertThat(callback.getQuery()).startsWith("attempt=");
    // the RunDispatched is owed in the same transaction as the runner's job id: wait for it so
    // what a test later reads from the topic is only what its callbacks caused
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class), d -> !d.isEmpty());
    return new DispatchedJob(
        runId, (String) job.get("jobId"), callback.getQuery().substring("attempt=".length()));
  }

  private static String callbackBody(DispatchedJob job, String status) {
    return "{\"jobId\":\""
        + job.jobId()
        + "\",\"runId\":\""
        + job.runId()
        + "\",\"attempt\":1,\"status\":\""
        + status
        + "\",\"resultsUrl\":\"http://x/r\"}";
  }

  private static ValidatableResponse post(String attemptId, String body, String signature) {
    RequestSpecification request =
        given()
            .contentType("application/json")
            .header(SIGNATURE, signature)
            .body(bytes(body))
            .queryParam("attempt", attemptId);
    return request.post("/api/v1/callbacks/sim/test").then();
  }

  private List<RunCompleted> awaitCompleted(String runId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kafka.events(Topics.RUNS_STATUS, runId, RunCompleted.class), c -> !c.isEmpty());
  }

  /**
   * A refused callback must leave no trace. Its request has been answered, so anything it did is
   * committed by now: no stored callback, no {@code RunCompleted} owed in the outbox (and so none
   * on Kafka, ever), the attempt still waiting for its runner.
   */
  private void assertNothingRecorded(DispatchedJob job) {
    assertThat(number("SELECT count(*) FROM runner_callback WHERE attempt_id = ?", job.attemptId()))
        .isZero();
    assertThat(outboxRows(job.runId(), "dev.gort.run.completed.v1")).isZero();
    assertThat(attemptState(job.attemptId())).isEqualTo("DISPATCHED");
    assertThat(kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class)).isEmpty();
  }

  private long outboxRows(String runId, String type) {
    return number(
        "SELECT count(*) FROM gort_outbox WHERE message_key = ? AND payload LIKE '%\"type\":\""
            + type
            + "\"%'",
        runId);
  }

  private String attemptState(String attemptId) {
    return text("SELECT state FROM dispatch_attempt WHERE id = ?", attemptId);
  }

  private String storedStatus(String attemptId) {
    return text("SELECT status FROM runner_callback WHERE attempt_id = ?", attemptId);
  }

  private long number(String sql, String param) {
    return Long.parseLong(text(sql, param));
  }

  private String text(String sql, String param) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a row for %s", sql).isTrue();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
