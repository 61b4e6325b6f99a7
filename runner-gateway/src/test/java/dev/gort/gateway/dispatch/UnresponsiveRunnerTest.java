package dev.gort.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunEvents.RunUnresponsive;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.gateway.testing.GatewayHarness;
import dev.gort.gateway.testing.GatewayHarness.DispatchedJob;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operation status {@code unresponsive} at the gateway: at the deadline the runner is polled for
 * the job's status; a runner that does not answer makes the run unresponsive (1 s deadline, 5 s
 * grace). The stub answers the first {@code n} status polls of experiment {@code mute-<n>-...} with
 * 503.
 */
@QuarkusTest
@TestProfile(ShortDeadlineProfile.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class UnresponsiveRunnerTest extends GatewayTestBase {

  @Test
  void runnerThatStopsAnsweringMakesTheRunUnresponsiveUntilItAnswersAgain() {
    DispatchedJob job = harness.dispatchedJob("mute-2-exp", 2);

    List<Envelope> events = awaitEvents(job.runId(), "RunRetrying");

    // attempt 2 may be dispatched already
    assertThat(types(events))
        .startsWith("RunDispatched", "RunUnresponsive", "RunTimedOut", "RunRetrying");
    RunUnresponsive unresponsive = (RunUnresponsive) events.get(1).data();
    assertThat(unresponsive.attempt()).isEqualTo(1);
    assertThat(unresponsive.runnerJobId()).isEqualTo(job.jobId());
    assertThat(unresponsive.reason()).contains("503");
    RunTimedOut timedOut = (RunTimedOut) events.get(2).data();
    assertThat(timedOut.retrying()).isTrue();
    assertThat(timedOut.reason())
        .contains("no callback before the deadline")
        .contains("the runner answered after not answering since " + unresponsive.since())
        .endsWith(": running");
    // two polls unanswered, the third answered
    assertThat(statusPolls(job)).isEqualTo(3);
    assertThat(harness.attemptState(job.attemptId())).isEqualTo("TIMED_OUT");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Boolean.TRUE.equals(job(job).get("cancelled")));
  }

  @Test
  void runnerThatNeverAnswersIsTimedOutOnceTheGraceHasPassed() {
    DispatchedJob job = harness.dispatchedJob("mute-999-exp", 1);

    List<Envelope> events = awaitEvents(job.runId(), "RunCompleted");

    assertThat(types(events))
        .containsExactly("RunDispatched", "RunUnresponsive", "RunTimedOut", "RunCompleted");
    RunUnresponsive unresponsive = (RunUnresponsive) events.get(1).data();
    RunTimedOut timedOut = (RunTimedOut) events.get(2).data();
    assertThat(timedOut.retrying()).isFalse();
    assertThat(timedOut.reason())
        .startsWith("runner sim has not answered a status poll since " + unresponsive.since());
    assertThat(Duration.between(events.get(1).time(), events.get(2).time()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(((RunCompleted) events.get(3).data()).status()).isEqualTo(RunnerStatus.TIMEOUT);
    // polled with back-off (1 s, 2 s, then the grace's end), unresponsive announced once
    assertThat(statusPolls(job)).isBetween(3, 5);
    assertThat(
            harness.text("SELECT last_status FROM dispatch_attempt WHERE id = ?", job.attemptId()))
        .startsWith("no answer: ")
        .contains("503");
  }

  @Test
  void reportFromAnUnresponsiveRunnerStillCounts() {
    DispatchedJob job = harness.dispatchedJob("mute-999-cb", 1);
    awaitEvents(job.runId(), "RunUnresponsive");

    GatewayHarness.callBack(job, "passed").statusCode(202);

    List<Envelope> events = awaitEvents(job.runId(), "RunCompleted");
    assertThat(types(events)).containsExactly("RunDispatched", "RunUnresponsive", "RunCompleted");
    assertThat(((RunCompleted) events.get(2).data()).status()).isEqualTo(RunnerStatus.PASSED);
    int polls = statusPolls(job);
    // settled: the grace passing times nothing out and polls no more (one poll claimed before
    // the callback may still reach the runner)
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(8))
        .until(() -> kafka.events(Topics.RUNS_STATUS, job.runId(), RunTimedOut.class).isEmpty());
    assertThat(statusPolls(job)).isBetween(polls, polls + 1);
  }

  @Test
  void runnerThatSaysTheJobFinishedGetsTheGraceForItsCallback() {
    DispatchedJob reported = harness.dispatchedJob("done-reported", 1);
    DispatchedJob lost = harness.dispatchedJob("done-lost", 1);
    // past the deadline the runner answers "passed": its callback may be on its way
    await().atMost(Duration.ofSeconds(30)).until(() -> statusPolls(reported) >= 2);

    GatewayHarness.callBack(reported, "passed").statusCode(202);

    List<Envelope> events = awaitEvents(reported.runId(), "RunCompleted");
    assertThat(types(events)).containsExactly("RunDispatched", "RunCompleted");
    assertThat(((RunCompleted) events.get(1).data()).status()).isEqualTo(RunnerStatus.PASSED);
    // the other callback never comes: timed out once the grace after its deadline has passed
    List<Envelope> lostEvents = awaitEvents(lost.runId(), "RunCompleted");
    assertThat(types(lostEvents)).containsExactly("RunDispatched", "RunTimedOut", "RunCompleted");
    RunTimedOut timedOut = (RunTimedOut) lostEvents.get(1).data();
    assertThat(timedOut.reason())
        .isEqualTo(
            "the runner reports job "
                + lost.jobId()
                + " passed but no callback came by "
                + ((RunDispatched) lostEvents.get(0).data()).deadline()
                + " plus the grace");
    assertThat(Duration.between(lostEvents.get(0).time(), lostEvents.get(1).time()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
  }

  private List<Envelope> awaitEvents(String runId, String last) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.envelopes(Topics.RUNS_STATUS, runId), e -> types(e).contains(last));
  }

  private static List<String> types(List<Envelope> events) {
    return events.stream().map(e -> e.data().getClass().getSimpleName()).toList();
  }

  private Map<String, Object> job(DispatchedJob job) {
    return harness.jobs(job.runId()).stream()
        .filter(j -> job.jobId().equals(j.get("jobId")))
        .findFirst()
        .orElseThrow();
  }

  private int statusPolls(DispatchedJob job) {
    return (int) job(job).get("statusPolls");
  }
}
