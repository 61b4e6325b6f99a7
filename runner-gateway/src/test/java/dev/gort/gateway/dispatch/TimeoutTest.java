package dev.gort.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.gateway.testing.GatewayHarness;
import dev.gort.gateway.testing.GatewayHarness.DispatchedJob;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.GatewayTestSupport;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 000, "timeout and retry" and "timeout and no retry" by deadline, at the gateway. */
@QuarkusTest
@TestProfile(ShortDeadlineProfile.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class TimeoutTest extends GatewayTestBase {

  @Test
  void deadlinesPassingRedispatchUntilTheBudgetIsSpentAndLateReportsAreIgnored() {
    DispatchedJob first = harness.dispatchedJob("exp-silent", 2);

    DispatchedJob second = harness.awaitJob(first.runId(), 2);
    List<Envelope> events =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.envelopes(Topics.RUNS_STATUS, first.runId()),
                e -> e.stream().anyMatch(x -> x.data() instanceof RunCompleted));

    assertThat(events.stream().map(e -> e.data().getClass().getSimpleName()))
        .containsExactly(
            "RunDispatched",
            "RunTimedOut",
            "RunRetrying",
            "RunDispatched",
            "RunTimedOut",
            "RunCompleted");
    RunTimedOut firstTimeout = (RunTimedOut) events.get(1).data();
    assertThat(firstTimeout.attempt()).isEqualTo(1);
    assertThat(firstTimeout.retrying()).isTrue();
    assertThat(firstTimeout.reason()).contains("deadline");
    assertThat(((RunRetrying) events.get(2).data()).attempt()).isEqualTo(2);
    assertThat(((RunDispatched) events.get(3).data()).runnerJobId()).isEqualTo(second.jobId());
    assertThat(((RunTimedOut) events.get(4).data()).retrying()).isFalse();
    RunCompleted last = (RunCompleted) events.get(5).data();
    assertThat(last.status()).isEqualTo(RunnerStatus.TIMEOUT);
    assertThat(last.attempt()).isEqualTo(2);
    assertThat(last.resultsUrl()).isNull();
    assertThat(harness.attemptState(first.attemptId())).isEqualTo("TIMED_OUT");
    assertThat(harness.attemptState(second.attemptId())).isEqualTo("TIMED_OUT");
    // a report for attempt 1 after its deadline is stored, not reported: attempt 2 decided the run
    GatewayHarness.callBack(first, "passed")
        .statusCode(200)
        .body("ignored", equalTo("attempt is TIMED_OUT"));
    assertThat(harness.outboxRows(first.runId(), "dev.gort.run.completed.v1")).isEqualTo(1);
    // the overdue jobs are halted at the runner
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.jobs(first.runId()).stream().allMatch(TimeoutTest::cancelled));
  }

  @Test
  void attemptThatCannotBeDispatchedBeforeItsDeadlineTimesOut() {
    String runId = GatewayTestSupport.newRunId();
    // the runner refuses this experiment's jobs far longer than the one-second deadline
    kafka.publish(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            GatewayTestSupport.SOURCE,
            new RunRequested(runId, "down-999-exp", "rev-1", "alice", "a@example.org", "sim", 1),
            java.time.Instant.now()));

    RunCompleted completed =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RUNS_STATUS, runId, RunCompleted.class),
                c -> !c.isEmpty())
            .get(0);

    assertThat(completed.status()).isEqualTo(RunnerStatus.TIMEOUT);
    RunTimedOut timedOut = kafka.events(Topics.RUNS_STATUS, runId, RunTimedOut.class).get(0);
    assertThat(timedOut.retrying()).isFalse();
    assertThat(timedOut.reason()).contains("not dispatched before the deadline").contains("503");
    assertThat(kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class)).isEmpty();
  }

  @Test
  void haltTheRunnerKeepsRefusingIsGivenUpAfterTheLastTry() {
    DispatchedJob job = harness.dispatchedJob("nohalt-exp", 1);
    String sql = "SELECT result FROM job_halt WHERE attempt_id = ? AND halted_at IS NOT NULL";

    String result =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> harness.rows(sql, job.attemptId()), rows -> !rows.isEmpty())
            .get(0);

    assertThat(result).startsWith("halt given up after 3 tries: ").contains("503");
    // tried exactly three times (1 s, then 2 s apart), and never again
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> (int) harness.jobs(job.runId()).get(0).get("cancelCalls") == 3);
    assertThat(harness.jobs(job.runId()).get(0).get("cancelled")).isEqualTo(false);
  }

  private static boolean cancelled(Map<String, Object> job) {
    return Boolean.TRUE.equals(job.get("cancelled"));
  }
}
