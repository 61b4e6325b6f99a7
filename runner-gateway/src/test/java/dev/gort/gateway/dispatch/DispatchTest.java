package dev.gort.gateway.dispatch;

import static dev.gort.gateway.testing.GatewayTestSupport.jobsAtRunner;
import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static dev.gort.gateway.testing.GatewayTestSupport.runRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.Topics;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.SimRunnerStub;
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
    assertThat((String) job.get("callbackUrl"))
        .isEqualTo(publicUrl + "/api/v1/callbacks/sim/test?attempt=" + attemptId);

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
    assertThat(dispatched.source()).isEqualTo(DispatchService.SOURCE);
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
