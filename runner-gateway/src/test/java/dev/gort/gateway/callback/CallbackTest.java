package dev.gort.gateway.callback;

import static dev.gort.gateway.testing.GatewayHarness.bytes;
import static dev.gort.gateway.testing.GatewayHarness.callbackBody;
import static dev.gort.gateway.testing.GatewayHarness.post;
import static dev.gort.gateway.testing.GatewayHarness.sign;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.signature.HmacSignature;
import dev.gort.gateway.testing.GatewayHarness;
import dev.gort.gateway.testing.GatewayHarness.DispatchedJob;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runners' callbacks: signed, stored once, turned into exactly one {@code RunCompleted}. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class CallbackTest extends GatewayTestBase {

  private static final String SECRET = GatewayHarness.SECRET;
  private static final String SIGNATURE = GatewayHarness.SIGNATURE;
  private static final String PROBLEM = "application/problem+json";

  @Test
  void validCallbackIsAcceptedAndCompletesTheRunOnce() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");

    post(job, body, sign(job, body))
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
    assertThat(harness.attemptState(job.attemptId())).isEqualTo("CALLED_BACK");
  }

  @Test
  void theExitCodeACallbackReportsReachesRunCompletedAndTheAttempt() {
    DispatchedJob job = dispatchedJob();
    String body = withField(callbackBody(job, "failed"), "\"exitCode\":3");

    post(job, body, sign(job, body)).statusCode(202);

    RunCompleted c = awaitCompleted(job.runId()).get(0);
    assertThat(c.status()).isEqualTo(RunnerStatus.FAILED);
    assertThat(c.exitCode()).isEqualTo(3);
    assertThat(
            harness.number("SELECT exit_code FROM dispatch_attempt WHERE id = ?", job.attemptId()))
        .isEqualTo(3);
  }

  @Test
  void aCallbackWithoutAnExitCodeCompletesTheRunWithNone() {
    DispatchedJob plain = dispatchedJob();
    String body = callbackBody(plain, "failed");
    post(plain, body, sign(plain, body)).statusCode(202);
    DispatchedJob explicit = dispatchedJob();
    String nullCode = withField(callbackBody(explicit, "infra-failure"), "\"exitCode\":null");
    post(explicit, nullCode, sign(explicit, nullCode)).statusCode(202);

    assertThat(awaitCompleted(plain.runId()).get(0).exitCode()).isNull();
    assertThat(awaitCompleted(explicit.runId()).get(0).exitCode()).isNull();
    assertThat(
            harness.text("SELECT exit_code FROM dispatch_attempt WHERE id = ?", plain.attemptId()))
        .isNull();
  }

  @Test
  void anExitCodeThatIsNoIntegerIsABadRequest() {
    DispatchedJob job = dispatchedJob();
    for (String bad : new String[] {"\"3\"", "3.5", "true", "[3]", "{\"code\":3}", "4294967296"}) {
      String body = withField(callbackBody(job, "failed"), "\"exitCode\":" + bad);

      post(job, body, sign(job, body))
          .statusCode(400)
          .contentType(PROBLEM)
          .body("status", equalTo(400))
          .body("detail", containsString("exitCode"));
    }

    assertNothingRecorded(job);
  }

  @Test
  void duplicateCallbackChangesNothing() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");
    String signature = sign(job, body);
    post(job, body, signature).statusCode(202);
    awaitCompleted(job.runId());

    post(job, body, signature)
        .statusCode(200)
        .body("duplicate", equalTo(true))
        .body("attemptId", equalTo(job.attemptId()));

    // the one place a bounded wait for absence is the point: no second RunCompleted may follow
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class).size() == 1);
    assertThat(
            harness.number(
                "SELECT deliveries FROM runner_callback WHERE attempt_id = ?", job.attemptId()))
        .isEqualTo(2);
    assertThat(harness.outboxRows(job.runId(), "dev.gort.run.completed.v1")).isEqualTo(1);
  }

  @Test
  void laterCallbackWithAnotherStatusDoesNotOverwriteTheFirst() {
    DispatchedJob job = dispatchedJob();
    String passed = callbackBody(job, "passed");
    String failed = callbackBody(job, "failed");
    post(job, passed, sign(job, passed)).statusCode(202);

    post(job, failed, sign(job, failed)).statusCode(200).body("duplicate", equalTo(true));

    assertThat(storedStatus(job.attemptId())).isEqualTo("PASSED");
    assertThat(harness.outboxRows(job.runId(), "dev.gort.run.completed.v1")).isEqualTo(1);
  }

  @Test
  void callbackWithoutSignatureIsUnauthorizedAndChangesNothing() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");

    given()
        .contentType("application/json")
        .body(bytes(body))
        .queryParam("attempt", job.attemptId())
        .queryParam("token", job.token())
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

    post(job, body, HmacSignature.signCallback("not-the-secret", job.token(), bytes(body)))
        .statusCode(401)
        .contentType(PROBLEM);
    post(job, tampered, sign(job, body)).statusCode(401).contentType(PROBLEM);
    // the body alone signed, as a runner signing no token would: not enough
    post(job, body, HmacSignature.sign(SECRET, bytes(body))).statusCode(401).contentType(PROBLEM);

    assertNothingRecorded(job);
  }

  @Test
  void malformedBodyWithValidSignatureIsABadRequest() {
    DispatchedJob job = dispatchedJob();
    String body = "{\"jobId\": \"" + job.jobId() + "\", \"status\": ";

    post(job, body, sign(job, body))
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400));

    assertNothingRecorded(job);
  }

  @Test
  void emptyBodyWithValidSignatureIsABadRequest() {
    DispatchedJob job = dispatchedJob();

    post(job, "", sign(job, "")).statusCode(400).contentType(PROBLEM);

    assertNothingRecorded(job);
  }

  @Test
  void unknownStatusWithValidSignatureIsABadRequest() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "exploded");

    post(job, body, sign(job, body))
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

    post(
            "sim",
            "test",
            "no-such-attempt",
            "t",
            body,
            HmacSignature.signCallback(SECRET, "t", bytes(body)))
        .statusCode(404)
        .contentType(PROBLEM)
        .body("status", equalTo(404));
  }

  @Test
  void callbackWithoutAttemptOrTokenParameterIsABadRequest() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");

    given()
        .contentType("application/json")
        .header(SIGNATURE, sign(job, body))
        .body(bytes(body))
        .queryParam("attempt", job.attemptId())
        .post("/api/v1/callbacks/sim/test")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .contentType("application/json")
        .header(SIGNATURE, sign(job, body))
        .body(bytes(body))
        .queryParam("token", job.token())
        .post("/api/v1/callbacks/sim/test")
        .then()
        .statusCode(400);

    assertNothingRecorded(job);
  }

  @Test
  void callbackForAnUnknownRunnerOrKindIsNotFound() {
    DispatchedJob job = dispatchedJob();
    String body = callbackBody(job, "passed");
    String signature = sign(job, body);

    for (String[] target : new String[][] {{"nosuch", "test"}, {"sim", "deploy"}}) {
      post(target[0], target[1], job.attemptId(), job.token(), body, signature)
          .statusCode(404)
          .contentType(PROBLEM);
    }

    assertNothingRecorded(job);
  }

  @Test
  void reportedTimeoutWithAttemptsLeftRedispatches() {
    DispatchedJob first = harness.dispatchedJob("exp-report-timeout", 3);
    GatewayHarness.callBack(first, "timeout").statusCode(202);

    DispatchedJob second = harness.awaitJob(first.runId(), 2);
    GatewayHarness.callBack(second, "passed").statusCode(202);

    RunCompleted completed =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RUNS_STATUS, first.runId(), RunCompleted.class),
                c -> !c.isEmpty())
            .get(0);
    assertThat(completed.attempt()).isEqualTo(2);
    assertThat(completed.status()).isEqualTo(RunnerStatus.PASSED);
    RunTimedOut timedOut =
        kafka.events(Topics.RUNS_STATUS, first.runId(), RunTimedOut.class).get(0);
    assertThat(timedOut.reason()).contains("runner reported");
    assertThat(timedOut.retrying()).isTrue();

    // attempt 1 reports again, now passed: one report per attempt counts, and the run is attempt
    // 2's
    GatewayHarness.callBack(first, "passed").statusCode(200).body("duplicate", equalTo(true));
    assertThat(harness.outboxRows(first.runId(), "dev.gort.run.completed.v1")).isEqualTo(1);
  }

  /** {@code body} (a JSON object) with one more field, {@code "name":value}. */
  private static String withField(String body, String field) {
    return body.substring(0, body.length() - 1) + "," + field + "}";
  }

  private DispatchedJob dispatchedJob() {
    return harness.dispatchedJob("exp-callback", 3);
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
    assertThat(
            harness.number(
                "SELECT count(*) FROM runner_callback WHERE attempt_id = ?", job.attemptId()))
        .isZero();
    assertThat(harness.outboxRows(job.runId(), "dev.gort.run.completed.v1")).isZero();
    assertThat(harness.attemptState(job.attemptId())).isEqualTo("DISPATCHED");
    assertThat(kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class)).isEmpty();
  }

  private String storedStatus(String attemptId) {
    return harness.text("SELECT status FROM runner_callback WHERE attempt_id = ?", attemptId);
  }
}
