package dev.gort.gateway.runner;

import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.GatewayTestSupport;
import dev.gort.gateway.testing.ScriptedRunner;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway core against the runner contract, through a runner the test scripts: reports to the
 * runner's one URL, runners that refuse a job or ask to wait, runners that do not exist.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class RunnerContractTest extends GatewayTestBase {

  @Test
  void aReportToTheRunnersOneUrlDecidesItsAttemptOnceAndOthersAreIgnored() {
    String experiment = "contract-" + UUID.randomUUID();
    String jobId = "job-" + UUID.randomUUID();
    ScriptedRunner.script(experiment, () -> jobId);
    String runId = request(experiment, "build", Map.of("repository", "gort/demo"));

    RunDispatched dispatched = awaitOne(runId, RunDispatched.class);
    assertThat(dispatched.runnerJobId()).isEqualTo(jobId);
    DispatchRequest sent = ScriptedRunner.dispatched(experiment).get(0);
    assertThat(sent.callbackUrl()).isNull();
    assertThat(sent.kind()).isEqualTo(RunKind.BUILD);
    assertThat(sent.settings()).containsEntry("repository", "gort/demo");
    assertThat(sent.handedOverBefore()).isFalse();

    report("{\"jobId\": \"" + jobId + "\"}", "good").statusCode(200);
    report("{\"event\": \"ping\"}", "good").statusCode(202).body("ignored", equalTo("ping"));
    report("{\"jobId\": \"someone-elses\", \"outcome\": \"FAILED\"}", "good")
        .statusCode(202)
        .body("ignored", equalTo("no attempt of Gort's has this job"));
    report("{\"jobId\": \"" + jobId + "\", \"outcome\": \"FAILED\"}", "forged").statusCode(401);
    assertThat(kafka.events(Topics.RUNS_STATUS, runId, RunCompleted.class)).isEmpty();

    String finished =
        "{\"jobId\": \""
            + jobId
            + "\", \"outcome\": \"PASSED\", \"deliveryId\": \"d-"
            + jobId
            + "\"}";
    report(finished, "good").statusCode(202);
    report(finished, "good").statusCode(200).body("duplicate", equalTo(true));

    RunCompleted completed = awaitOne(runId, RunCompleted.class);
    assertThat(completed.status()).isEqualTo(RunnerStatus.PASSED);
    assertThat(completed.detail()).isEqualTo("scripted");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> kafka.events(Topics.RUNS_STATUS, runId, RunCompleted.class).size() == 1);
  }

  @Test
  void aRunnerThatHasOnlyOneUrlHasNoPerJobCallbacks() {
    given()
        .contentType("application/json")
        .body("{}")
        .queryParam("attempt", "a")
        .queryParam("token", "t")
        .post("/api/v1/callbacks/" + ScriptedRunner.CODE + "/test")
        .then()
        .statusCode(404);
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/callbacks/sim")
        .then()
        .statusCode(404);
  }

  @Test
  void aJobTheRunnerRefusesAsInvalidEndsTheRunAtOnceWithTheReason() {
    String experiment = "contract-" + UUID.randomUUID();
    ScriptedRunner.script(
        experiment,
        () -> {
          throw new JobRejectedException("workflow ci.yml does not exist (404)", null);
        });
    String runId = request(experiment, "test", Map.of());

    RunCompleted completed = awaitOne(runId, RunCompleted.class);

    assertThat(completed.status()).isEqualTo(RunnerStatus.INFRA_FAILURE);
    assertThat(completed.detail())
        .isEqualTo("runner scripted refused the job: workflow ci.yml does not exist (404)");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ScriptedRunner.dispatched(experiment).size() == 1);
  }

  @Test
  void aRunnerThatAsksToWaitIsCalledAgainThenWithoutSpendingATry() {
    String experiment = "contract-" + UUID.randomUUID();
    ScriptedRunner.script(
        experiment,
        () -> {
          throw new RunnerRateLimitedException("rate limited", Instant.now().plusMillis(700));
        },
        () -> "job-after-wait");
    String runId = request(experiment, "test", Map.of());

    RunDispatched dispatched = awaitOne(runId, RunDispatched.class);

    assertThat(dispatched.runnerJobId()).isEqualTo("job-after-wait");
    List<DispatchRequest> calls = ScriptedRunner.dispatched(experiment);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).handedOverBefore()).isTrue();
    assertThat(harness.number("SELECT tries FROM dispatch_attempt WHERE run_id = ?", runId))
        .isZero();
  }

  @Test
  void aRunForARunnerNobodyRegisteredEndsAtOnce() {
    String runId = newRunId();
    kafka.publish(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            GatewayTestSupport.SOURCE,
            new RunRequested(runId, "exp", "rev-1", "alice", "a@example.org", "nobody", 3),
            Instant.now()));

    RunCompleted completed = awaitOne(runId, RunCompleted.class);

    assertThat(completed.status()).isEqualTo(RunnerStatus.INFRA_FAILURE);
    assertThat(completed.detail()).isEqualTo("no runner registered with code 'nobody'");
    assertThat(harness.text("SELECT state FROM dispatch_attempt WHERE run_id = ?", runId))
        .isEqualTo("REJECTED");
  }

  private String request(String experiment, String kind, Map<String, Object> settings) {
    String runId = newRunId();
    kafka.publish(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            GatewayTestSupport.SOURCE,
            new RunRequested(
                runId,
                experiment,
                "rev-1",
                "alice",
                "alice@example.org",
                ScriptedRunner.CODE,
                2,
                kind,
                settings),
            Instant.now()));
    return runId;
  }

  private <T extends dev.gort.common.event.GortEvent> T awaitOne(String runId, Class<T> type) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.events(Topics.RUNS_STATUS, runId, type), e -> !e.isEmpty())
        .get(0);
  }

  private static ValidatableResponse report(String body, String signature) {
    return given()
        .contentType("application/json")
        .header(ScriptedRunner.SIGNATURE, signature)
        .body(body)
        .post("/api/v1/callbacks/" + ScriptedRunner.CODE)
        .then();
  }
}
