package dev.gort.gateway.runner.local;

import static dev.gort.gateway.testing.GatewayHarness.bytes;
import static dev.gort.gateway.testing.GatewayHarness.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.signature.HmacSignature;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.GatewayTestSupport;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runner {@code local} through the real gateway: a requested run is handed to the agent with the
 * token and its settings, the agent's signed callback completes it, forged or foreign callbacks
 * change nothing, invalid settings end the attempt at once.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
@QuarkusTestResource(value = LocalAgentStub.class, restrictToAnnotatedClass = true)
class LocalRunnerFlowTest extends GatewayTestBase {

  private record Handed(String runId, String jobId, String attemptId, String token) {}

  private Handed request(Map<String, Object> settings) {
    String runId = GatewayTestSupport.newRunId();
    kafka.publish(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            GatewayTestSupport.SOURCE,
            new RunRequested(
                runId, "demo", "rev-1", "alice", "alice@example.org", "local", 3, "test", settings),
            Instant.now()));
    return awaitHanded(runId);
  }

  private Handed awaitHanded(String runId) {
    LocalAgentStub.Received received =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> LocalAgentStub.jobsOf(runId), j -> !j.isEmpty())
            .get(0);
    URI callback = URI.create((String) received.job().get("callbackUrl"));
    assertThat(callback.getPath()).isEqualTo("/api/v1/callbacks/local/test");
    String[] query = callback.getQuery().split("&");
    String attemptId = query[0].substring("attempt=".length());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                harness.text("SELECT runner_job_id FROM dispatch_attempt WHERE id = ?", attemptId)
                    != null);
    return new Handed(
        runId,
        harness.text("SELECT runner_job_id FROM dispatch_attempt WHERE id = ?", attemptId),
        attemptId,
        query[1].substring("token=".length()));
  }

  private static String body(Handed h, String jobId, String status) {
    return "{\"jobId\":\""
        + jobId
        + "\",\"runId\":\""
        + h.runId()
        + "\",\"attempt\":1,\"status\":\""
        + status
        + "\",\"resultsUrl\":\"http://127.0.0.1:8086/api/v1/jobs/"
        + jobId
        + "/results?read=r\",\"detail\":\"ok\"}";
  }

  @Test
  void aRunIsHandedToTheAgentAndItsSignedCallbackCompletesIt() {
    Handed h = request(Map.of("commands", List.of("make test"), "env", Map.of("SUITE", "smoke")));

    LocalAgentStub.Received received = LocalAgentStub.jobsOf(h.runId()).get(0);
    assertThat(received.authorization()).isEqualTo("Bearer " + LocalAgentStub.TOKEN);
    assertThat(received.job())
        .containsEntry("attemptId", h.attemptId())
        .containsEntry("commands", List.of("make test"))
        .containsEntry("env", Map.of("SUITE", "smoke"))
        .containsEntry("timeout", "PT30M");

    String body = body(h, h.jobId(), "passed");
    post(
            "local",
            "test",
            h.attemptId(),
            h.token(),
            body,
            HmacSignature.signCallback(LocalAgentStub.SECRET, h.token(), bytes(body)))
        .statusCode(202);

    RunCompleted completed =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RUNS_STATUS, h.runId(), RunCompleted.class),
                c -> !c.isEmpty())
            .get(0);
    assertThat(completed.status()).isEqualTo(RunnerStatus.PASSED);
    assertThat(completed.runner()).isEqualTo("local");
    assertThat(completed.runnerJobId()).isEqualTo(h.jobId());
    assertThat(harness.attemptState(h.attemptId())).isEqualTo("CALLED_BACK");
  }

  @Test
  void aForgedCallbackIs401AndOneAboutAnotherJobIs409() {
    Handed h = request(Map.of("commands", List.of("true")));
    String body = body(h, h.jobId(), "passed");

    post(
            "local",
            "test",
            h.attemptId(),
            h.token(),
            body,
            HmacSignature.signCallback("not-the-secret", h.token(), bytes(body)))
        .statusCode(401);
    post(
            "local",
            "test",
            h.attemptId(),
            h.token(),
            body,
            HmacSignature.signCallback(LocalAgentStub.SECRET, "another-token", bytes(body)))
        .statusCode(401);
    // signed with sim's secret, sent as sim: sim's verification holds, the attempt is local's
    post(
            "sim",
            "test",
            h.attemptId(),
            h.token(),
            body,
            HmacSignature.signCallback("test-sim-secret", h.token(), bytes(body)))
        .statusCode(409);
    String other = body(h, "local-job-other", "passed");
    post(
            "local",
            "test",
            h.attemptId(),
            h.token(),
            other,
            HmacSignature.signCallback(LocalAgentStub.SECRET, h.token(), bytes(other)))
        .statusCode(409);

    assertThat(harness.attemptState(h.attemptId())).isEqualTo("DISPATCHED");
  }

  @Test
  void settingsWithoutCommandsEndTheAttemptAtOnceWithoutCallingTheAgent() {
    String runId = GatewayTestSupport.newRunId();
    kafka.publish(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            GatewayTestSupport.SOURCE,
            new RunRequested(
                runId, "demo", "rev-1", "alice", "alice@example.org", "local", 3, "test", Map.of()),
            Instant.now()));

    RunCompleted completed =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RUNS_STATUS, runId, RunCompleted.class),
                c -> !c.isEmpty())
            .get(0);
    assertThat(completed.status()).isEqualTo(RunnerStatus.INFRA_FAILURE);
    assertThat(LocalAgentStub.jobsOf(runId)).isEmpty();
  }
}
