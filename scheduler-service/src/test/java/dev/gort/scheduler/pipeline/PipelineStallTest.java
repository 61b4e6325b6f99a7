package dev.gort.scheduler.pipeline;

import static dev.gort.scheduler.pipeline.PipelineRunTest.completed;
import static dev.gort.scheduler.pipeline.PipelineRunTest.status;
import static dev.gort.scheduler.pipeline.Pipelines.awaitStatus;
import static dev.gort.scheduler.pipeline.Pipelines.dispatchId;
import static dev.gort.scheduler.pipeline.Pipelines.name;
import static dev.gort.scheduler.pipeline.Pipelines.start;
import static dev.gort.scheduler.pipeline.Pipelines.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.stall.StallsFast;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pipeline job whose result never comes is nudged like a test run, then its attempt ends as
 * stuck_or_timeout_failure, which its retry policy may retry (StallsFast: allowances of 1.5 s, two
 * nudges).
 */
@QuarkusTest
@TestProfile(StallsFast.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class PipelineStallTest extends KafkaTestBase {

  private static final int NUDGES = 2;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> attempts(String runId, String job) {
    return (List<Map<String, Object>>) step(runId, job).get("attempts");
  }

  @Test
  void aJobNobodyAnswersIsNudgedThenEndsStuckAndItsRetryRunsIt() {
    String runId =
        start(
            "{pipeline: "
                + name()
                + ", stages: [s], jobs: {a: {stage: s, script: [x],"
                + " retry: {max: 1, when: [stuck_or_timeout_failure]}}}}");
    String first = dispatchId(runId, "a", 1);

    await().atMost(Duration.ofSeconds(30)).until(() -> attempts(runId, "a").size() == 2);
    Map<String, Object> stuck = attempts(runId, "a").get(0);
    assertThat(stuck.get("failure")).isEqualTo("stuck_or_timeout_failure");
    assertThat((String) stuck.get("reason"))
        .contains("no result since")
        .contains("RunDispatched")
        .contains("after " + NUDGES + " nudges: given up");
    // the request and once more per nudge, all for the same dispatch; then a halt for it
    assertThat(kafka.events(Topics.RUNS_REQUESTED, first, RunRequested.class))
        .hasSize(1 + NUDGES)
        .extracting(RunRequested::settings)
        .containsOnly(
            kafka.events(Topics.RUNS_REQUESTED, first, RunRequested.class).get(0).settings());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !kafka
                    .events(Topics.RUNS_CANCEL_REQUESTED, first, CancelRequested.class)
                    .isEmpty());

    // the retry is a new dispatch, and it answers
    String second = dispatchId(runId, "a", 2);
    assertThat(second).isNotEqualTo(first);
    status(new RunDispatched(second, 1, "local", "job-" + second, null));
    status(completed(second, RunnerStatus.PASSED, 0, null));
    awaitStatus(runId, "SUCCEEDED");
    assertThat(step(runId, "a").get("flaky")).isEqualTo(true);
  }

  @Test
  void aDispatchedJobWithinItsDeadlineIsLeftAloneAndOneWithoutRetryFailsTheRun() {
    String waiting =
        start("{pipeline: " + name() + ", stages: [s], jobs: {a: {stage: s, script: [x]}}}");
    String dispatched = dispatchId(waiting, "a", 1);
    status(
        new RunDispatched(
            dispatched, 1, "local", "job-1", Instant.now().plus(Duration.ofHours(1))));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "job-1".equals(attempts(waiting, "a").get(0).get("runnerJobId")));
    int requestedOnDispatch =
        kafka.events(Topics.RUNS_REQUESTED, dispatched, RunRequested.class).size();

    String lost =
        start("{pipeline: " + name() + ", stages: [s], jobs: {a: {stage: s, script: [x]}}}");
    awaitStatus(lost, "FAILED");
    assertThat(attempts(lost, "a")).hasSize(1);
    assertThat(attempts(lost, "a").get(0).get("failure")).isEqualTo("stuck_or_timeout_failure");

    // meanwhile the dispatched one, within its deadline, was not asked again
    assertThat(kafka.events(Topics.RUNS_REQUESTED, dispatched, RunRequested.class))
        .hasSize(requestedOnDispatch);
    assertThat(step(waiting, "a").get("state")).isEqualTo("running");
  }
}
