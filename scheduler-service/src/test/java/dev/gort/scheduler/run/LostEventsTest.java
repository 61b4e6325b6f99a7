package dev.gort.scheduler.run;

import static dev.gort.scheduler.testing.Runs.awaitState;
import static dev.gort.scheduler.testing.Runs.event;
import static dev.gort.scheduler.testing.Runs.request;
import static dev.gort.scheduler.testing.Runs.slug;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.GortEvent;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Events lost (a broker that came back on empty data) or published again (the gateway answering a
 * nudge): a run catches up from the events that imply the lost ones, and drops those it is past.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class LostEventsTest extends KafkaTestBase {

  @Test
  void aLostTimeoutIsImpliedByTheRetryThatFollowsIt() {
    String runId = request(slug(), null).path("id");
    publish(new RunDispatched(runId, 1, "sim", "job-1", null));
    // RunTimedOut of attempt 1 was lost
    publish(new RunRetrying(runId, 2, 3));
    publish(new RunDispatched(runId, 2, "sim", "job-2", null));
    finishPassed(runId, 2);

    JsonPath run = run(runId);
    assertThat(run.getInt("attempts")).isEqualTo(2);
    assertThat(run.getList("history.reason", String.class))
        .contains("timeout of attempt 1 implied by its retry", "retrying: attempt 2 of 3");
  }

  @Test
  void aLostRetryIsImpliedByTheNextDispatch() {
    String runId = request(slug(), null).path("id");
    publish(new RunDispatched(runId, 1, "sim", "job-1", null));
    publish(new RunTimedOut(runId, 1, "sim", "job-1", "no callback", true));
    // RunRetrying(2) was lost
    publish(new RunDispatched(runId, 2, "sim", "job-2", null));
    finishPassed(runId, 2);

    assertThat(run(runId).getList("history.reason", String.class))
        .contains("retry with attempt 2 implied by its dispatch");
  }

  @Test
  void aLostDispatchIsImpliedByTheReport() {
    String runId = request(slug(), null).path("id");
    // RunDispatched was lost
    publish(
        new RunCompleted(runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null));

    awaitState(runId, "EVALUATING");
    assertThat(run(runId).getList("history.reason", String.class))
        .contains("dispatch of attempt 1 implied by its report");
  }

  @Test
  void aPendingAttemptThatTimedOutMovesAQueuedRunOn() {
    String runId = request(slug(), null).path("id");
    // the runner was down for the whole deadline: attempt 1 was never dispatched
    publish(new RunTimedOut(runId, 1, "sim", null, "not dispatched before the deadline", true));
    publish(new RunRetrying(runId, 2, 3));
    publish(new RunDispatched(runId, 2, "sim", "job-2", null));
    finishPassed(runId, 2);

    assertThat(run(runId).getList("history.state", String.class))
        .containsExactly(
            "QUEUED",
            "RUNNING",
            "COMPLETED",
            "RUNNING",
            "RUNNING",
            "COMPLETED",
            "EVALUATING",
            "FINISHED");
  }

  @Test
  void eventsPublishedAgainAfterTheRunWentPastThemChangeNothing() {
    String runId = request(slug(), null).path("id");
    publish(new RunDispatched(runId, 1, "sim", "job-1", null));
    finishPassed(runId, 1);
    List<String> before = run(runId).getList("history.reason", String.class);

    RecordMetadata[] again = {
      publish(new RunDispatched(runId, 1, "sim", "job-1", null)),
      publish(
          new RunCompleted(runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null)),
      kafka.publish(
          Topics.RESULTS_EVALUATED,
          event(new RunEvaluated(runId, 1, Outcome.PASSED, "2 of 2", "r")))
    };
    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, again));

    assertThat(run(runId).getList("history.reason", String.class)).isEqualTo(before);
    assertThat(run(runId).getString("outcome")).isEqualTo("PASSED");
  }

  private void finishPassed(String runId, int attempt) {
    publish(
        new RunCompleted(
            runId, attempt, "sim", "job-" + attempt, RunnerStatus.PASSED, "http://r", null, null));
    kafka.publish(
        Topics.RESULTS_EVALUATED,
        event(new RunEvaluated(runId, attempt, Outcome.PASSED, "2 of 2", "r")));
    awaitState(runId, "FINISHED");
    assertThat(run(runId).getString("outcome")).isEqualTo("PASSED");
  }

  private RecordMetadata publish(GortEvent data) {
    return kafka.publish(Topics.RUNS_STATUS, event(data));
  }

  private static JsonPath run(String runId) {
    return given().get("/api/v1/test-runs/" + runId).jsonPath();
  }
}
