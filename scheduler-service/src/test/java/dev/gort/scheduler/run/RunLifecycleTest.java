package dev.gort.scheduler.run;

import static dev.gort.scheduler.testing.Runs.event;
import static dev.gort.scheduler.testing.Runs.path;
import static dev.gort.scheduler.testing.Runs.request;
import static dev.gort.scheduler.testing.Runs.slug;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The scheduler on real Kafka and PostgreSQL: requests, the events it applies, and bad input. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class RunLifecycleTest extends KafkaTestBase {

  @Test
  void requestCreatesAQueuedRunAndOwesRunRequested() {
    String slug = slug();

    Response r = request(slug, null);

    r.then().statusCode(202).body("state", equalTo("QUEUED")).body("revision", equalTo("rev-1"));
    String runId = r.path("id");
    assertThat(r.header("Operation-Location"))
        .isEqualTo("/api/v1/operations/" + r.path("operationId"));
    List<RunRequested> requested =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_REQUESTED, runId, RunRequested.class),
                l -> !l.isEmpty());
    assertThat(requested).hasSize(1);
    assertThat(requested.get(0).experiment()).isEqualTo(slug);
    assertThat(requested.get(0).ownerEmail()).isEqualTo(slug + "@example.com");
    assertThat(requested.get(0).maxAttempts()).isEqualTo(3);
  }

  @Test
  void unknownExperimentIs404AndUnknownRunnerIs400() {
    request("nope-" + UUID.randomUUID().toString().substring(0, 6), null)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    request(slug(), "{\"runner\":\"mainframe\"}")
        .then()
        .statusCode(400)
        .body("detail", containsString("mainframe"));
    request(slug(), "{\"pipeline\":\"nightly\"}").then().statusCode(400);
    request("Not A Slug", null).then().statusCode(400);
  }

  @Test
  void bodyThatIsNotJsonIs415AndMalformedJsonIs400() {
    given().contentType("text/plain").body("runner=sim").post(path(slug())).then().statusCode(415);
    given()
        .contentType("application/json")
        .body("{\"runner\":")
        .post(path(slug()))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("malformed JSON"));
  }

  @Test
  void staleRevisionIs409() {
    request(slug(), "{\"revision\":\"rev-0\"}")
        .then()
        .statusCode(409)
        .body("detail", containsString("rev-1"));
  }

  @Test
  void idempotencyKeyReturnsTheSameRun() {
    String slug = slug();
    String key = UUID.randomUUID().toString();
    String first =
        given()
            .header("Idempotency-Key", key)
            .post(path(slug))
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    given()
        .header("Idempotency-Key", key)
        .post(path(slug))
        .then()
        .statusCode(202)
        .body("id", equalTo(first));
  }

  @Test
  void eventsDriveTheRunToFinishedAndOweRunFinished() {
    String slug = slug();
    String runId = request(slug, null).path("id");

    kafka.publish(Topics.RUNS_STATUS, event(new RunDispatched(runId, 1, "sim", "job-1", null)));
    kafka.publish(
        Topics.RUNS_STATUS,
        event(
            new RunCompleted(
                runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null)));
    kafka.publish(
        Topics.RESULTS_EVALUATED,
        event(new RunEvaluated(runId, 1, Outcome.PASSED, "2 of 2", "rep")));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/test-runs/" + runId)
                    .then()
                    .body("state", equalTo("FINISHED"))
                    .body("outcome", equalTo("PASSED"))
                    .body("attempts", equalTo(1))
                    .body(
                        "history.state",
                        equalTo(
                            List.of("QUEUED", "RUNNING", "COMPLETED", "EVALUATING", "FINISHED"))));
    List<RunFinished> finished =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_FINISHED, runId, RunFinished.class),
                l -> !l.isEmpty());
    assertThat(finished).hasSize(1);
    assertThat(finished.get(0).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(finished.get(0).ownerEmail()).isEqualTo(slug + "@example.com");
    assertThat(finished.get(0).reportId())
        .as("the worker's report, for the owner's link")
        .isEqualTo("rep");
  }

  @Test
  void sameEventTwiceAndIllegalEventsChangeNothing() {
    String runId = request(slug(), null).path("id");
    Envelope dispatched = event(new RunDispatched(runId, 1, "sim", "job-1", null));
    RecordMetadata once = kafka.publish(Topics.RUNS_STATUS, dispatched);
    RecordMetadata twice = kafka.publish(Topics.RUNS_STATUS, dispatched);
    // a different event the run is already past: no retry can start attempt 1
    RecordMetadata illegal = kafka.publish(Topics.RUNS_STATUS, event(new RunRetrying(runId, 1, 3)));

    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, once, twice, illegal));

    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("state", equalTo("RUNNING"))
        .body("attempts", equalTo(1))
        .body("history.state", equalTo(List.of("QUEUED", "RUNNING")));
  }

  @Test
  void runCompletedForAFinishedRunIsRejected() {
    String runId = request(slug(), null).path("id");
    kafka.publish(Topics.RUNS_STATUS, event(new RunDispatched(runId, 1, "sim", "job-1", null)));
    kafka.publish(
        Topics.RESULTS_EVALUATED,
        event(new RunEvaluated(runId, 1, Outcome.FAILED, "1 failed", "r")));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/test-runs/" + runId)
                    .then()
                    .body("outcome", equalTo("FAILED")));

    RecordMetadata late =
        kafka.publish(
            Topics.RUNS_STATUS,
            event(
                new RunCompleted(
                    runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://r", null, null)));
    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, late));

    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("state", equalTo("FINISHED"))
        .body("outcome", equalTo("FAILED"))
        .body(
            "history.state",
            equalTo(List.of("QUEUED", "RUNNING", "COMPLETED", "EVALUATING", "FINISHED")));
  }

  @Test
  void operationOfAQueuedRunIsNotStartedWithRetryAfter() {
    Response r = request(slug(), null);

    given()
        .get("/api/v1/operations/" + r.path("operationId"))
        .then()
        .statusCode(200)
        .header("Retry-After", equalTo("2"))
        .body("status", equalTo("notstarted"))
        .body("percentComplete", equalTo(0));
    given().get("/api/v1/operations/unknown").then().statusCode(404);
  }
}
