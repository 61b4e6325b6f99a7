package dev.gort.gateway.cancel;

import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static dev.gort.gateway.testing.GatewayTestSupport.runRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.Topics;
import dev.gort.gateway.testing.GatewayHarness;
import dev.gort.gateway.testing.GatewayHarness.DispatchedJob;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.GatewayTestSupport;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Seed 000, "cancelled" at the gateway: the job is halted at its runner, once. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class CancelTest extends GatewayTestBase {

  @Test
  void cancelHaltsTheRunningJobAndALaterCallbackIsNotReported() {
    DispatchedJob job = harness.dispatchedJob("exp-cancel", 3);
    Envelope cancel = cancelRequested(job.runId());

    kafka.publish(Topics.RUNS_CANCEL_REQUESTED, cancel);
    kafka.publish(Topics.RUNS_CANCEL_REQUESTED, cancel);

    RunCancelled cancelled = awaitCancelled(job.runId());
    assertThat(cancelled.haltedAtRunner()).isTrue();
    assertThat(cancelled.halt()).isEqualTo(RunHalt.CONFIRMED);
    assertThat(cancelled.attempt()).isEqualTo(1);
    assertThat(cancelled.runnerJobId()).isEqualTo(job.jobId());
    assertThat(harness.jobs(job.runId()).get(0)).containsEntry("cancelled", true);
    assertThat(harness.attemptState(job.attemptId())).isEqualTo("CANCELLED");

    GatewayHarness.callBack(job, "cancelled")
        .statusCode(200)
        .body("ignored", equalTo("attempt is CANCELLED"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                kafka.events(Topics.RUNS_STATUS, job.runId(), RunCancelled.class).size() == 1
                    && kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class).isEmpty());
  }

  @Test
  void cancelArrivingWhileTheRunnerIsBeingCalledWaitsAndThenHaltsTheJob() {
    String runId = newRunId();
    kafka.publish(Topics.RUNS_REQUESTED, runRequested(runId, "slow-2500-cancel"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !harness.jobs(runId).isEmpty());
    assertThat(harness.jobs(runId).get(0)).containsEntry("answered", false);

    kafka.publish(Topics.RUNS_CANCEL_REQUESTED, cancelRequested(runId));

    RunCancelled cancelled = awaitCancelled(runId);
    assertThat(cancelled.haltedAtRunner()).isTrue();
    assertThat(cancelled.halt()).isEqualTo(RunHalt.CONFIRMED);
    assertThat(cancelled.runnerJobId()).isEqualTo(harness.jobs(runId).get(0).get("jobId"));
    assertThat(harness.jobs(runId).get(0)).containsEntry("cancelled", true);
    assertThat(harness.jobs(runId)).hasSize(1);
    assertThat(
            harness.text(
                "SELECT state FROM dispatch_attempt WHERE run_id = ? AND attempt = 1", runId))
        .isEqualTo("CANCELLED");
  }

  @Test
  void cancelBeforeTheRequestArrivesMeansTheRunIsNeverDispatched() {
    String runId = newRunId();
    kafka.publish(Topics.RUNS_CANCEL_REQUESTED, cancelRequested(runId));
    RunCancelled cancelled = awaitCancelled(runId);
    assertThat(cancelled.haltedAtRunner()).isFalse();
    assertThat(cancelled.halt()).isEqualTo(RunHalt.NOT_NEEDED);
    assertThat(cancelled.detail()).isEqualTo("not dispatched yet");

    RecordMetadata late = kafka.publish(Topics.RUNS_REQUESTED, runRequested(runId, "exp-late"));

    await().atMost(Duration.ofSeconds(30)).until(() -> kafka.consumed("runner-gateway", late));
    assertThat(harness.jobs(runId)).isEmpty();
    assertThat(harness.number("SELECT count(*) FROM dispatch_attempt WHERE run_id = ?", runId))
        .isZero();
  }

  @Test
  void cancelAfterTheRunnerReportedHaltsNothing() {
    DispatchedJob job = harness.dispatchedJob("exp-cancel-late", 3);
    GatewayHarness.callBack(job, "passed").statusCode(202);

    kafka.publish(Topics.RUNS_CANCEL_REQUESTED, cancelRequested(job.runId()));

    RunCancelled cancelled = awaitCancelled(job.runId());
    assertThat(cancelled.haltedAtRunner()).isFalse();
    assertThat(cancelled.halt()).isEqualTo(RunHalt.NOT_NEEDED);
    assertThat(cancelled.detail()).contains("already finished");
    List<java.util.Map<String, Object>> jobs = harness.jobs(job.runId());
    assertThat(jobs.get(0)).containsEntry("cancelled", false);
    assertThat(harness.attemptState(job.attemptId())).isEqualTo("CALLED_BACK");
  }

  private RunCancelled awaitCancelled(String runId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.events(Topics.RUNS_STATUS, runId, RunCancelled.class), c -> !c.isEmpty())
        .get(0);
  }

  private static Envelope cancelRequested(String runId) {
    return Envelope.of(
        GatewayTestSupport.SOURCE,
        new CancelRequested(runId, "cancelled by the owner"),
        Instant.now());
  }
}
