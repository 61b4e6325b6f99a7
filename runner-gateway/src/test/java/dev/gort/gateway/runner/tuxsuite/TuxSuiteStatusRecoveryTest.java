package dev.gort.gateway.runner.tuxsuite;

import static dev.gort.gateway.runner.tuxsuite.FakeTuxSuite.PROJECT;
import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.GortEvent;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.gateway.dispatch.ShortDeadlineProfile;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.GatewayTestSupport;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Overdue tuxsuite attempts (a one-second deadline): a job that finished without its callback
 * reaching Gort is recovered from TuxSuite's status; one still under way is halted at TuxSuite.
 */
@QuarkusTest
@TestProfile(ShortDeadlineProfile.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(FakeTuxSuiteResource.class)
class TuxSuiteStatusRecoveryTest extends GatewayTestBase {

  @ConfigProperty(name = "gort.runner.tuxsuite.api-url")
  String tuxUrl;

  @Test
  void aJobThatFinishedWithoutItsCallbackIsRecoveredFromItsStatus() {
    String runId = request("lost-fail-exp", "test");
    String uid = awaitOne(runId, RunDispatched.class).runnerJobId();

    RunCompleted completed = awaitOne(runId, RunCompleted.class);

    assertThat(completed.status()).isEqualTo(RunnerStatus.FAILED);
    assertThat(completed.runnerJobId()).isEqualTo(uid);
    assertThat(completed.detail()).contains("result: fail").contains("status poll");
    assertThat(completed.resultsUrl())
        .isEqualTo("https://storage.tuxsuite.com/public/gort/lab/tests/" + uid + "/");
  }

  @Test
  void aJobStillUnderWayAtTheDeadlineIsHaltedAtTuxSuite() {
    String runId = request("tux-overdue", "build");
    String uid = awaitOne(runId, RunDispatched.class).runnerJobId();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "canceled"
                    .equals(
                        given()
                            .header("Authorization", FakeTuxSuite.TOKEN)
                            .get(tuxUrl + PROJECT + "/builds/" + uid)
                            .then()
                            .extract()
                            .path("result")));
  }

  private String request(String experiment, String kind) {
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
                "tuxsuite",
                1,
                kind,
                Map.of()),
            Instant.now()));
    return runId;
  }

  private <T extends GortEvent> T awaitOne(String runId, Class<T> type) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.events(Topics.RUNS_STATUS, runId, type), e -> !e.isEmpty())
        .get(0);
  }
}
