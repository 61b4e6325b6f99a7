package dev.gort.gateway.dispatch;

import static dev.gort.gateway.testing.GatewayTestSupport.jobsAtRunner;
import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static dev.gort.gateway.testing.GatewayTestSupport.runRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.gateway.attempt.AttemptOutcomes;
import dev.gort.gateway.attempt.CallbackToken;
import dev.gort.gateway.testing.GatewayHarness;
import dev.gort.gateway.testing.GatewayHarness.DispatchedJob;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Requested runs reach the runner once, over real Kafka, PostgreSQL and HTTP. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class DispatchTest extends GatewayTestBase {

  @ConfigProperty(name = "gort.gateway.public-url")
  String publicUrl;

  @Test
  void requestedRunIsSentToTheRunnerWithItsCallbackUrl() {
    String runId = newRunId();
    Instant before = Instant.now();

    kafka.publish(Topics.RUNS_REQUESTED, runRequested(runId, "exp-dispatch"));

    List<Map<String, Object>> jobs =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> jobsAtRunner(runnerUrl, runId), j -> !j.isEmpty());
    assertThat(jobs).hasSize(1);
    Map<String, Object> job = jobs.get(0);
    assertThat(job)
        .containsEntry("attempt", 1)
        .containsEntry("experiment", "exp-dispatch")
        .containsEntry("revision", "rev-1")
        .containsEntry("kind", "test");
    String attemptId = attemptIdOf(runId);
    String callbackUrl = (String) job.get("callbackUrl");
    assertThat(callbackUrl)
        .startsWith(publicUrl + "/api/v1/callbacks/sim/test?attempt=" + attemptId + "&token=");
    // only the token's hash is kept: the URL cannot be rebuilt from the database
    String token = callbackUrl.substring(callbackUrl.indexOf("&token=") + "&token=".length());
    String stored =
        harness.text("SELECT callback_token_sha256 FROM dispatch_attempt WHERE id = ?", attemptId);
    assertThat(stored).isEqualTo(CallbackToken.hash(token)).doesNotContain(token);

    List<RunDispatched> dispatched =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class),
                d -> !d.isEmpty());
    assertThat(dispatched).hasSize(1);
    RunDispatched d = dispatched.get(0);
    assertThat(d.runId()).isEqualTo(runId);
    assertThat(d.attempt()).isEqualTo(1);
    assertThat(d.runner()).isEqualTo("sim");
    assertThat(d.runnerJobId()).isEqualTo(job.get("jobId"));
    // the production default deadline: 30 minutes after dispatch
    assertThat(d.deadline()).isAfter(before.plus(Duration.ofMinutes(29)));
  }

  @Test
  void runDispatchedContinuesTheTraceOfTheRequest() {
    String runId = newRunId();
    Envelope request = runRequested(runId, "exp-trace");

    kafka.publish(Topics.RUNS_REQUESTED, request);

    List<Envelope> status =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> kafka.envelopes(Topics.RUNS_STATUS, runId), s -> !s.isEmpty());
    Envelope dispatched = status.get(0);
    assertThat(dispatched.type()).isEqualTo("dev.gort.run.dispatched.v1");
    assertThat(dispatched.subject()).isEqualTo(runId);
    assertThat(dispatched.source()).isEqualTo(AttemptOutcomes.SOURCE);
    assertThat(dispatched.traceparent().substring(3, 35))
        .isEqualTo(request.traceparent().substring(3, 35));
    assertThat(dispatched.traceparent()).isNotEqualTo(request.traceparent());
  }

  @Test
  void sameRunRequestedDeliveredTwiceCreatesOneAttemptAndOneJob() throws Exception {
    String runId = newRunId();
    Envelope request = runRequested(runId, "exp-twice");

    RecordMetadata first = kafka.publish(Topics.RUNS_REQUESTED, request);
    RecordMetadata second = kafka.publish(Topics.RUNS_REQUESTED, request);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.consumed("runner-gateway", first, second));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class), d -> !d.isEmpty());
    // both deliveries are processed and the only attempt is dispatched: nothing else can follow
    assertThat(number("SELECT count(*) FROM dispatch_attempt WHERE run_id = ?", runId))
        .isEqualTo(1);
    assertThat(
            number(
                "SELECT count(*) FROM dispatch_attempt WHERE run_id = ? AND state = 'PENDING'",
                runId))
        .isZero();
    assertThat(jobsAtRunner(runnerUrl, runId)).hasSize(1);
    assertThat(kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class)).hasSize(1);
    assertThat(kafka.values(Topics.deadLetter("runner-gateway"), runId))
        .as("the redelivery was recognised, not refused by a constraint")
        .isEmpty();
  }

  @Test
  void runnerThatRefusesIsTriedAgainUntilItTakesTheJob() {
    String runId = newRunId();

    // the stub answers 503 twice for this experiment, then takes the job
    kafka.publish(Topics.RUNS_REQUESTED, runRequested(runId, "down-2-exp"));

    List<RunDispatched> dispatched =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class),
                d -> !d.isEmpty());
    assertThat(dispatched).hasSize(1);
    List<Map<String, Object>> jobs = jobsAtRunner(runnerUrl, runId);
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0)).containsEntry("submissions", 3);
    assertThat(dispatched.get(0).runnerJobId()).isEqualTo(jobs.get(0).get("jobId"));
    assertThat(number("SELECT tries FROM dispatch_attempt WHERE run_id = ?", runId)).isEqualTo(2);
  }

  @Test
  void aRunRequestedAgainUnderANewIdDispatchesNothingTwiceButPublishesItsEventsAgain() {
    DispatchedJob job = harness.dispatchedJob("exp-asked-again", 3);
    GatewayHarness.callBack(job, "passed").statusCode(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class).size() == 1);

    // the scheduler's stall detector asks again, as a new event about the same run
    kafka.publish(Topics.RUNS_REQUESTED, runRequested(job.runId(), "exp-asked-again"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class).size() == 2);
    List<RunDispatched> dispatched =
        kafka.events(Topics.RUNS_STATUS, job.runId(), RunDispatched.class);
    assertThat(dispatched).hasSize(2).allMatch(d -> d.runnerJobId().equals(job.jobId()));
    RunCompleted again = kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class).get(1);
    assertThat(again.status()).isEqualTo(RunnerStatus.PASSED);
    assertThat(again.resultsUrl()).isEqualTo("http://x/r");
    assertThat(again.owner()).isEqualTo("alice");
    assertThat(jobsAtRunner(runnerUrl, job.runId())).hasSize(1);
    assertThat(number("SELECT count(*) FROM dispatch_attempt WHERE run_id = ?", job.runId()))
        .isEqualTo(1);
  }

  @Test
  void malformedRequestGoesToTheDeadLetterTopicAndLaterRequestsStillFlow() {
    String runId = newRunId();

    kafka.publishRaw(Topics.RUNS_REQUESTED, runId, "<<not an event>>");
    kafka.publish(Topics.RUNS_REQUESTED, runRequested(runId, "exp-after-junk"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class), d -> !d.isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kafka.values(Topics.deadLetter("runner-gateway"), runId))
                    .containsExactly("<<not an event>>"));
    assertThat(number("SELECT count(*) FROM dispatch_attempt WHERE run_id = ?", runId))
        .isEqualTo(1);

    // the gateway keeps it for admins, with the reason; it can never be processed, so no replay
    Map<String, Object> deadLetter =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> deadLetterWithKey(runId), d -> d != null);
    assertThat(deadLetter)
        .containsEntry("sourceTopic", Topics.RUNS_REQUESTED)
        .containsEntry("payload", "<<not an event>>")
        .containsEntry("eventId", null);
    assertThat((String) deadLetter.get("reason")).contains("not a CloudEvents JSON document");
    ApiTokens.as("admin", "admin")
        .post("/api/v1/dead-letters/" + deadLetter.get("id") + ":replay")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    ApiTokens.as("ops", "operator").get("/api/v1/dead-letters").then().statusCode(403);
  }

  @Test
  void aDeadLetteredEventIsReplayedOnceItsCauseIsFixed() {
    // a valid request that reached the dead-letter topic (as a consumer that gave up would send it)
    String runId = newRunId();
    Envelope request = runRequested(runId, "exp-replayed");
    kafka.publishWithHeaders(
        Topics.deadLetter("runner-gateway"),
        runId,
        dev.gort.common.event.EnvelopeCodec.encode(request),
        Map.of(
            "dead-letter-reason", "database unavailable",
            "dead-letter-topic", Topics.RUNS_REQUESTED,
            "dead-letter-partition", "0",
            "dead-letter-offset", "42"));
    Map<String, Object> deadLetter =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> deadLetterWithKey(runId), d -> d != null);
    assertThat(deadLetter)
        .containsEntry("eventId", request.id())
        .containsEntry("eventType", "dev.gort.run.requested.v1")
        .containsEntry("reason", "database unavailable")
        .containsEntry("replays", 0);

    ApiTokens.as("admin", "admin")
        .post("/api/v1/dead-letters/" + deadLetter.get("id") + ":replay")
        .then()
        .statusCode(202)
        .body("replays", org.hamcrest.Matchers.equalTo(1));

    // published again on its own topic under its own id: the gateway takes it now, once
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class), d -> !d.isEmpty());
    assertThat(number("SELECT count(*) FROM dispatch_attempt WHERE run_id = ?", runId))
        .isEqualTo(1);
    ApiTokens.as("admin", "admin").post("/api/v1/dead-letters/nope:replay").then().statusCode(404);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> deadLetterWithKey(String key) {
    List<Map<String, Object>> letters =
        ApiTokens.as("admin", "admin").get("/api/v1/dead-letters?$top=1000").path("value");
    return letters.stream().filter(d -> key.equals(d.get("key"))).findFirst().orElse(null);
  }

  private String attemptIdOf(String runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id FROM dispatch_attempt WHERE run_id = ? AND attempt = 1")) {
      s.setString(1, runId);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("attempt 1 of %s", runId).isTrue();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long number(String sql, String param) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
