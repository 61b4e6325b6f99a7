package dev.gort.gateway.callback;

import static dev.gort.gateway.testing.GatewayHarness.bytes;
import static dev.gort.gateway.testing.GatewayHarness.callbackBody;
import static dev.gort.gateway.testing.GatewayHarness.post;
import static dev.gort.gateway.testing.GatewayHarness.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import dev.gort.common.signature.HmacSignature;
import dev.gort.gateway.testing.GatewayHarness;
import dev.gort.gateway.testing.GatewayHarness.DispatchedJob;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A callback counts only for the job its URL names: a validly signed report of one job, sent to
 * another attempt's URL, changes nothing, whichever way it is replayed.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class CallbackBindingTest extends GatewayTestBase {

  private static final String PROBLEM = "application/problem+json";

  @Test
  void aCapturedCallbackReplayedOntoAnotherAttemptsUrlIsRefused() {
    DispatchedJob a = harness.dispatchedJob("exp-binding", 3);
    DispatchedJob b = harness.dispatchedJob("exp-binding", 3);
    String aPassed = callbackBody(a, "passed");

    // A's body with A's signature on B's URL: the signature covers A's token, not B's
    post(b, aPassed, sign(a, aPassed)).statusCode(401).contentType(PROBLEM);
    // B's attempt id with A's token: no attempt has that URL
    GatewayHarness.post("sim", "test", b.attemptId(), a.token(), aPassed, sign(a, aPassed))
        .statusCode(404)
        .contentType(PROBLEM);
    // A's body signed for B's URL (a runner that signs only what it is given): it names A's job
    post(b, aPassed, sign(b, aPassed))
        .statusCode(409)
        .contentType(PROBLEM)
        .body("mismatched", hasItems("jobId", "runId"));

    assertNothingRecorded(b);
    // B's own report still counts
    post(b, callbackBody(b, "failed"), sign(b, callbackBody(b, "failed"))).statusCode(202);
  }

  @Test
  void aCallbackUnderAnotherKindIsRefused() {
    DispatchedJob job = harness.dispatchedJob("exp-binding-kind", 3);
    String body = callbackBody(job, "passed");

    GatewayHarness.post("sim", "boot", job.attemptId(), job.token(), body, sign(job, body))
        .statusCode(409)
        .body("mismatched", hasItems("kind"))
        .body("detail", containsString("kind"));

    assertNothingRecorded(job);
  }

  @Test
  void aSupersededAttemptsReportCannotSpeakForTheRetry() {
    DispatchedJob first = harness.dispatchedJob("exp-binding-retry", 3);
    GatewayHarness.callBack(first, "timeout").statusCode(202);
    DispatchedJob second = harness.awaitJob(first.runId(), 2);
    String firstPassed = callbackBody(first, "passed");

    post(second, firstPassed, sign(second, firstPassed))
        .statusCode(409)
        .body("mismatched", hasItems("jobId", "attempt"));

    assertNothingRecorded(second);
  }

  @Test
  void anotherJobsReportOnAFinishedAttemptIsAConflictNotADuplicate() {
    DispatchedJob done = harness.dispatchedJob("exp-binding-done", 3);
    DispatchedJob other = harness.dispatchedJob("exp-binding-done", 3);
    GatewayHarness.callBack(done, "failed").statusCode(202);
    String otherPassed = callbackBody(other, "passed");

    post(done, otherPassed, sign(done, otherPassed)).statusCode(409);

    assertThat(
            harness.text(
                "SELECT status FROM runner_callback WHERE attempt_id = ?", done.attemptId()))
        .isEqualTo("FAILED");
  }

  @Test
  void theTokenIsNotTheAttemptId() {
    DispatchedJob job = harness.dispatchedJob("exp-binding-token", 3);
    String body = callbackBody(job, "passed");

    assertThat(job.token()).isNotEqualTo(job.attemptId());
    GatewayHarness.post(
            "sim",
            "test",
            job.attemptId(),
            job.attemptId(),
            body,
            HmacSignature.signCallback(GatewayHarness.SECRET, job.attemptId(), bytes(body)))
        .statusCode(404);
    assertNothingRecorded(job);
  }

  private void assertNothingRecorded(DispatchedJob job) {
    assertThat(
            harness.number(
                "SELECT count(*) FROM runner_callback WHERE attempt_id = ?", job.attemptId()))
        .isZero();
    assertThat(harness.attemptState(job.attemptId())).isEqualTo("DISPATCHED");
  }
}
