package dev.gort.scheduler.stall;

import static dev.gort.scheduler.testing.Runs.event;
import static dev.gort.scheduler.testing.Runs.request;
import static dev.gort.scheduler.testing.Runs.slug;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.NotificationQueued;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs that heal themselves: a run whose events were lost is nudged (its RunRequested sent again)
 * until something answers, or given up with the reason after the last nudge; a finished run the
 * notifier never confirmed gets its RunFinished again.
 */
@QuarkusTest
@TestProfile(StallsFast.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
class StallDetectorTest extends KafkaTestBase {

  @Test
  void aCancelledRunsMailGoesOutSayingTheRunnerIsStillAskedWhenTheGatewayNeverSays() {
    var requested = request(slug(), null);
    String runId = requested.path("id");
    kafka.publish(Topics.RUNS_STATUS, event(new RunDispatched(runId, 1, "sim", "job-1", null)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> given().get("/api/v1/test-runs/" + runId).path("state").equals("RUNNING"));

    given().delete("/api/v1/operations/" + requested.<String>path("operationId"));

    RunFinished finished =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(finished.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(finished.halt()).isEqualTo(RunHalt.ASKING);
    JsonPath run = given().get("/api/v1/test-runs/" + runId).jsonPath();
    assertThat(run.getString("halt.status")).isEqualTo("asking");
    assertThat(run.getList("history.reason", String.class))
        .last()
        .asString()
        .startsWith("no word from the gateway on halting the job after PT1.5S")
        .endsWith("sim is still being asked");
    // held back once: later sends are the notification's own nudges (no notifier confirms here)
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                given()
                        .get("/api/v1/test-runs/" + runId)
                        .jsonPath()
                        .getList("history.reason", String.class)
                        .stream()
                        .filter(r -> r.startsWith("no word from the gateway"))
                        .count()
                    == 1);
  }

  @Test
  void aRunNobodyAnswersIsNudgedThenGivenUpAndTheGatewayIsToldToHalt() {
    long started = System.nanoTime();
    String runId = request(slug(), null).path("id");

    JsonPath finished = awaitFinished(runId);

    assertThat(finished.getString("outcome")).isEqualTo("INFRA_FAILED");
    assertThat(finished.getString("summary"))
        .contains("no progress since")
        .contains("RunDispatched")
        .contains("after " + StallsFast.MAX_NUDGES + " nudges: given up");
    List<String> reasons = finished.getList("history.reason");
    assertThat(reasons.stream().filter(r -> r.contains("asked again (nudge")))
        .hasSize(StallsFast.MAX_NUDGES);
    assertThat(finished.getList("history.state", String.class))
        .containsExactly("QUEUED", "QUEUED", "QUEUED", "FINISHED");
    // the request, and once more per nudge, all for the same run
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> kafka.events(Topics.RUNS_REQUESTED, runId, RunRequested.class).size(),
            n -> n == 1 + StallsFast.MAX_NUDGES);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !kafka
                    .events(Topics.RUNS_CANCEL_REQUESTED, runId, CancelRequested.class)
                    .isEmpty());
    assertThat(kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class).get(0).outcome())
        .isEqualTo(Outcome.INFRA_FAILED);
    System.out.printf(
        "stall detector: a run nobody answered ended INFRA_FAILED after %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(given().get("/q/metrics").asString())
        .contains("gort_runs_nudged_total{state=\"QUEUED\"}");
  }

  @Test
  void aRunThatAnswersAfterANudgeGoesOnAndFinishesAsItsRunnerSaid() {
    String runId = request(slug(), null).path("id");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> kafka.events(Topics.RUNS_REQUESTED, runId, RunRequested.class).size() >= 2);

    // the gateway, asked again, answers this time
    kafka.publish(Topics.RUNS_STATUS, event(new RunDispatched(runId, 1, "sim", "job-1", null)));
    kafka.publish(
        Topics.RUNS_STATUS,
        event(
            new RunCompleted(
                runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null)));
    kafka.publish(
        Topics.RESULTS_EVALUATED, event(new RunEvaluated(runId, 1, Outcome.PASSED, "2 of 2", "r")));

    JsonPath finished = awaitFinished(runId);
    assertThat(finished.getString("outcome")).isEqualTo("PASSED");
    assertThat(finished.getList("history.reason", String.class))
        .filteredOn(r -> r.contains("nudge"))
        .hasSizeBetween(1, StallsFast.MAX_NUDGES);
  }

  @Test
  void aFinishedRunWhoseNotificationIsNotConfirmedHasItsRunFinishedSentAgainUntilItIs() {
    String runId = request(slug(), null).path("id");
    String operationId = given().get("/api/v1/test-runs/" + runId).path("operationId");
    given().delete("/api/v1/operations/" + operationId);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class).size() >= 2);

    kafka.publish(
        Topics.RUNS_STATUS,
        event(new NotificationQueued(runId, Outcome.CANCELLED, 1, "email queued")));
    await()
        .atMost(Duration.ofSeconds(20))
        .pollDelay(Duration.ofSeconds(1))
        .until(() -> !notifiedAt(runId).isEmpty());
    int sent = kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class).size();

    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .until(() -> kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class).size() == sent);
    assertThat(sent).isLessThanOrEqualTo(1 + StallsFast.MAX_NUDGES);
    // each sent again only once the allowance passed since the last: no burst
    List<java.time.Instant> times =
        kafka.envelopes(Topics.RUNS_FINISHED, runId).stream().map(e -> e.time()).toList();
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    }
  }

  private static JsonPath awaitFinished(String runId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> given().get("/api/v1/test-runs/" + runId).jsonPath(),
            r -> "FINISHED".equals(r.getString("state")));
  }

  @jakarta.inject.Inject javax.sql.DataSource db;

  private String notifiedAt(String runId) {
    try (var c = db.getConnection();
        var s = c.prepareStatement("SELECT notified_at FROM test_run WHERE id = ?")) {
      s.setString(1, runId);
      try (var rs = s.executeQuery()) {
        rs.next();
        String value = rs.getString(1);
        return value == null ? "" : value;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
