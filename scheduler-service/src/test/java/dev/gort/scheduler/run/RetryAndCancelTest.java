package dev.gort.scheduler.run;

import static dev.gort.scheduler.testing.Runs.awaitState;
import static dev.gort.scheduler.testing.Runs.event;
import static dev.gort.scheduler.testing.Runs.request;
import static dev.gort.scheduler.testing.Runs.slug;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gort.common.causality.Participant;
import dev.gort.common.causality.Stamp;
import dev.gort.common.event.GortEvent;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunEvents.RunUnresponsive;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 "timeout and retry", "timeout and no retry" and "cancelled", and an unresponsive runner,
 * at the scheduler.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
class RetryAndCancelTest extends KafkaTestBase {

  @Test
  void timedOutAttemptIsRetriedAndTheRunFinishesOnTheNextOne() {
    String runId = request(slug(), null).path("id");

    publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));
    publishStatus(
        new RunTimedOut(runId, 1, "sim", "job-1", "no callback before the deadline", true));
    publishStatus(new RunRetrying(runId, 2, 3));
    publishStatus(new RunDispatched(runId, 2, "sim", "job-2", null));
    publishStatus(
        new RunCompleted(runId, 2, "sim", "job-2", RunnerStatus.PASSED, "http://r", null, null));
    kafka.publish(
        Topics.RESULTS_EVALUATED, event(new RunEvaluated(runId, 2, Outcome.PASSED, "2 of 2", "r")));

    awaitState(runId, "FINISHED");
    Response run = given().get("/api/v1/test-runs/" + runId);
    run.then().body("outcome", equalTo("PASSED")).body("attempts", equalTo(2));
    assertThat(run.<List<String>>path("history.state"))
        .containsExactly(
            "QUEUED",
            "RUNNING",
            "COMPLETED",
            "RUNNING",
            "RUNNING",
            "COMPLETED",
            "EVALUATING",
            "FINISHED");
    assertThat(run.<String>path("history[2].reason"))
        .contains("attempt 1 timed out")
        .contains("retrying");
    assertThat(run.<String>path("history[3].reason")).isEqualTo("retrying: attempt 2 of 3");
  }

  @Test
  void runnerThatStopsAnsweringMakesTheOperationUnresponsiveUntilTheNextEvent() {
    String slug = slug();
    Response requested = request(slug, null);
    String runId = requested.path("id");
    String operation = "/api/v1/operations/" + requested.<String>path("operationId");
    Instant since = Instant.parse("2026-11-24T10:15:30.123456Z");
    publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));
    publishStatus(new RunUnresponsive(runId, 1, "sim", "job-1", since, "answered 503"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> given().get(operation).then().body("status", equalTo("unresponsive")));
    given()
        .get(operation)
        .then()
        .header("Retry-After", notNullValue())
        .body("percentComplete", equalTo(25))
        .body("resourceLocation", nullValue())
        .body("error.code", equalTo("RunnerUnresponsive"))
        .body("error.message", containsString(since.toString()));
    Response run = given().get("/api/v1/test-runs/" + runId);
    run.then()
        .body("state", equalTo("RUNNING"))
        .body("unresponsiveSince", equalTo(since.toString()));
    assertThat(run.<String>path("history[2].reason"))
        .isEqualTo(
            "attempt 1 is overdue and runner sim has not answered status polls since "
                + since
                + ": answered 503");
    String filter = "status eq 'unresponsive' and experiment eq '" + slug + "'";
    assertThat(
            given()
                .queryParam("$filter", filter)
                .get("/api/v1/operations")
                .<List<String>>path("value.id"))
        .containsExactly(requested.<String>path("operationId"));

    // the runner answered: the attempt timed out and the next one runs
    publishStatus(new RunTimedOut(runId, 1, "sim", "job-1", "the runner answered: running", true));
    publishStatus(new RunRetrying(runId, 2, 3));
    publishStatus(new RunDispatched(runId, 2, "sim", "job-2", null));
    awaitAttempts(runId, 2);
    given().get(operation).then().body("status", equalTo("running")).body("error", nullValue());
    given().get("/api/v1/test-runs/" + runId).then().body("unresponsiveSince", nullValue());
    assertThat(
            given()
                .queryParam("$filter", filter)
                .get("/api/v1/operations")
                .<List<String>>path("value.id"))
        .isEmpty();

    // silence reported about attempt 1 now is out of date
    RecordMetadata late =
        publishStatus(new RunUnresponsive(runId, 1, "sim", "job-1", since, "answered 503"));
    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, late));
    given().get(operation).then().body("status", equalTo("running"));
  }

  @Test
  void lastAttemptTimingOutFinishesTheRunTimedOut() {
    Response requested = request(slug(), null);
    String runId = requested.path("id");

    publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));
    publishStatus(
        new RunTimedOut(runId, 1, "sim", "job-1", "the runner reported a timeout", false));
    publishStatus(
        new RunCompleted(runId, 1, "sim", "job-1", RunnerStatus.TIMEOUT, null, null, null));
    kafka.publish(
        Topics.RESULTS_EVALUATED,
        event(new RunEvaluated(runId, 1, Outcome.TIMED_OUT, "the last attempt timed out", null)));

    awaitState(runId, "FINISHED");
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("outcome", equalTo("TIMED_OUT"))
        .body(
            "history.state",
            equalTo(List.of("QUEUED", "RUNNING", "COMPLETED", "EVALUATING", "FINISHED")));
    given()
        .get("/api/v1/operations/" + requested.path("operationId"))
        .then()
        .body("status", equalTo("timeout"))
        .body("error.code", equalTo("Timeout"));
    assertThat(finishedEvents(runId).get(0).outcome()).isEqualTo(Outcome.TIMED_OUT);
  }

  @Test
  void dispatchOfAnEarlierAttemptArrivingLateChangesNothing() {
    String runId = request(slug(), null).path("id");
    publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));
    publishStatus(new RunTimedOut(runId, 1, "sim", "job-1", "deadline", true));
    publishStatus(new RunRetrying(runId, 2, 3));
    publishStatus(new RunDispatched(runId, 2, "sim", "job-2", null));
    awaitAttempts(runId, 2);

    RecordMetadata late = publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));

    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, late));
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("attempts", equalTo(2))
        .body(
            "history.state",
            equalTo(List.of("QUEUED", "RUNNING", "COMPLETED", "RUNNING", "RUNNING")));
  }

  @Test
  void deleteCancelsTheRunOnceAndTheMailWaitsForTheRunnersWordOnTheHalt() {
    Response requested = request(slug(), null);
    String runId = requested.path("id");
    String operation = "/api/v1/operations/" + requested.<String>path("operationId");
    publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));
    awaitState(runId, "RUNNING");

    Response first = given().delete(operation);
    Response second = given().delete(operation);

    first
        .then()
        .statusCode(202)
        .body("status", equalTo("cancelled"))
        .body("error.code", equalTo("Cancelled"))
        .body("resourceLocation", equalTo("/api/v1/test-runs/" + runId));
    second.then().statusCode(202);
    assertThat(second.asString()).isEqualTo(first.asString());
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("state", equalTo("FINISHED"))
        .body("outcome", equalTo("CANCELLED"))
        .body("history.state", equalTo(List.of("QUEUED", "RUNNING", "FINISHED")))
        .body("history[2].reason", equalTo("cancelled by ops"))
        .body("halt.status", equalTo("asking"));
    // the owner's mail waits for the gateway's word on the halt
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .until(() -> kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class).isEmpty());

    publishStatus(
        new RunCancelled(
            runId, 1, "sim", "job-1", true, "halted at the runner", RunHalt.CONFIRMED));

    RunFinished finished = finishedEvents(runId).get(0);
    assertThat(finished.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(finished.halt()).isEqualTo(RunHalt.CONFIRMED);
    assertThat(finished.haltDetail()).isEqualTo("halted at the runner");
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("halt.status", equalTo("confirmed"))
        .body("history.state", equalTo(List.of("QUEUED", "RUNNING", "FINISHED", "FINISHED")))
        .body(
            "history[3].reason",
            equalTo("sim confirmed the halt of job job-1: halted at the runner"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                kafka.events(Topics.RUNS_CANCEL_REQUESTED, runId, CancelRequested.class).size()
                    == 1);

    // the runner's result arriving after the cancel is refused by the state machine
    RecordMetadata late =
        publishStatus(
            new RunCompleted(
                runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null));
    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, late));
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("outcome", equalTo("CANCELLED"))
        .body("history.state", equalTo(List.of("QUEUED", "RUNNING", "FINISHED", "FINISHED")));
    assertThat(kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class)).hasSize(1);
  }

  @Test
  void aRepeatedWordOnTheHaltChangesNothing() {
    Response requested = request(slug(), null);
    String runId = requested.path("id");
    publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));
    awaitState(runId, "RUNNING");
    given().delete("/api/v1/operations/" + requested.<String>path("operationId"));

    RunCancelled gaveUp =
        new RunCancelled(
            runId, 1, "sim", "job-1", false, "halt given up after 10 tries", RunHalt.GAVE_UP);
    publishStatus(gaveUp);
    RecordMetadata again = publishStatus(gaveUp);
    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, again));

    assertThat(finishedEvents(runId))
        .singleElement()
        .extracting(RunFinished::halt)
        .isEqualTo(RunHalt.GAVE_UP);
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("halt.status", equalTo("gave-up"))
        .body("halt.detail", equalTo("halt given up after 10 tries"))
        .body("history", hasSize(4))
        .body(
            "history[3].reason",
            equalTo("gave up asking sim to halt job job-1: halt given up after 10 tries"));
  }

  @Test
  void cancellingAFinishedRunIs409AndChangesNothing() {
    Response requested = request(slug(), null);
    String runId = requested.path("id");
    publishStatus(new RunDispatched(runId, 1, "sim", "job-1", null));
    kafka.publish(
        Topics.RESULTS_EVALUATED,
        event(new RunEvaluated(runId, 1, Outcome.FAILED, "1 failed", "r")));
    awaitState(runId, "FINISHED");

    given()
        .delete("/api/v1/operations/" + requested.path("operationId"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("already finished (succeeded)"))
        .body("status", equalTo(409));
    given().get("/api/v1/test-runs/" + runId).then().body("outcome", equalTo("FAILED"));
    assertThat(kafka.events(Topics.RUNS_CANCEL_REQUESTED, runId, CancelRequested.class)).isEmpty();
    given()
        .delete("/api/v1/operations/no-such-operation")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void eventThatHappenedBeforeOneAlreadyAppliedIsRejectedAndCounted() {
    String runId = request(slug(), null).path("id");
    // the gateway's own history of this run: dispatch 1, a report for attempt 1 that travels
    // slowly, then the timeout, the retry and dispatch 2, each stamped after the one before
    Stamp dispatched1 = Participant.RUNNER_GATEWAY.seed().event();
    Stamp reported1 = dispatched1.event();
    Stamp timedOut1 = reported1.event();
    Stamp retrying = timedOut1.event();
    Stamp dispatched2 = retrying.event();
    publishStamped(new RunDispatched(runId, 1, "sim", "job-1", null), dispatched1);
    publishStamped(new RunTimedOut(runId, 1, "sim", "job-1", "deadline", true), timedOut1);
    publishStamped(new RunRetrying(runId, 2, 3), retrying);
    publishStamped(new RunDispatched(runId, 2, "sim", "job-2", null), dispatched2);
    awaitAttempts(runId, 2);
    double before = staleCount("dev.gort.run.completed.v1");

    RecordMetadata late =
        publishStamped(
            new RunCompleted(runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null),
            reported1);

    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, late));
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("state", equalTo("RUNNING"))
        .body("attempts", equalTo(2))
        .body(
            "history.state",
            equalTo(List.of("QUEUED", "RUNNING", "COMPLETED", "RUNNING", "RUNNING")));
    assertThat(staleCount("dev.gort.run.completed.v1")).isEqualTo(before + 1);

    // the report of attempt 2, stamped after everything applied, still counts
    publishStamped(
        new RunCompleted(runId, 2, "sim", "job-2", RunnerStatus.PASSED, "http://r", null, null),
        dispatched2.event());
    awaitState(runId, "EVALUATING");
  }

  @Test
  void verdictOvertakingEveryGatewayEventFinishesTheRunAndTheLateOnesAreStale() {
    String runId = request(slug(), null).path("id");
    Stamp dispatched = Participant.RUNNER_GATEWAY.seed().event();
    Stamp reported = dispatched.event();
    Stamp evaluated = Participant.RESULTS_WORKER.seed().join(reported.peek()).event();

    kafka.publish(
        Topics.RESULTS_EVALUATED,
        event(new RunEvaluated(runId, 1, Outcome.PASSED, "1 of 1", "r"))
            .withClock(evaluated.peek().encode()));
    awaitState(runId, "FINISHED");
    double before = staleCount("dev.gort.run.dispatched.v1");
    RecordMetadata late1 =
        publishStamped(new RunDispatched(runId, 1, "sim", "job-1", null), dispatched);
    RecordMetadata late2 =
        publishStamped(
            new RunCompleted(runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null),
            reported);

    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, late1, late2));
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("outcome", equalTo("PASSED"))
        .body("attempts", equalTo(1))
        .body(
            "history.state",
            equalTo(List.of("QUEUED", "RUNNING", "COMPLETED", "EVALUATING", "FINISHED")))
        .body("history[1].reason", equalTo("dispatch implied by the evaluation"));
    assertThat(staleCount("dev.gort.run.dispatched.v1")).isEqualTo(before + 1);
  }

  private static RecordMetadata publishStamped(GortEvent data, Stamp stamp) {
    return kafka.publish(Topics.RUNS_STATUS, event(data).withClock(stamp.peek().encode()));
  }

  /** {@code gort_events_stale_total} for {@code type}, as Prometheus scrapes it (0 when absent). */
  private static double staleCount(String type) {
    String line = "gort_events_stale_total{type=\"" + type + "\"}";
    return given()
        .get("/q/metrics")
        .asString()
        .lines()
        .filter(l -> l.startsWith(line))
        .mapToDouble(l -> Double.parseDouble(l.substring(line.length()).trim()))
        .findFirst()
        .orElse(0);
  }

  private static RecordMetadata publishStatus(GortEvent data) {
    return kafka.publish(Topics.RUNS_STATUS, event(data));
  }

  private static void awaitAttempts(String runId, int attempts) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/test-runs/" + runId)
                    .then()
                    .body("attempts", equalTo(attempts)));
  }

  private static List<RunFinished> finishedEvents(String runId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class), l -> !l.isEmpty());
  }
}
