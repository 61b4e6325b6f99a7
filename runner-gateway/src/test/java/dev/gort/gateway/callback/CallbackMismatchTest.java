package dev.gort.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.event.RunnerStatus;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.runner.RunnerReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a callback says about itself against the attempt its URL names (a plain function). */
class CallbackMismatchTest {

  private final Attempt attempt = attempt();

  @Test
  void aCallbackThatIsTheAttemptsMatches() {
    assertThat(mismatches("sim", "test", "job-1", "run-1", 2)).isEmpty();
    // a runner that does not name run or attempt is bound by its job id alone
    assertThat(mismatches("sim", "test", "job-1", null, null)).isEmpty();
  }

  @Test
  void everyFieldThatDiffersIsNamed() {
    assertThat(mismatches("other", "test", "job-1", "run-1", 2)).containsExactly("runner");
    assertThat(mismatches("sim", "boot", "job-1", "run-1", 2)).containsExactly("kind");
    assertThat(mismatches("sim", "test", "job-9", "run-9", 1))
        .containsExactly("jobId", "runId", "attempt");
  }

  @Test
  void anAttemptNotHandedOverYetTakesTheRunnersJobId() {
    attempt.runnerJobId = null;

    assertThat(mismatches("sim", "test", "job-7", "run-1", 2)).isEmpty();
  }

  private static Attempt attempt() {
    Attempt a = new Attempt();
    a.id = "attempt-2";
    a.runId = "run-1";
    a.attempt = 2;
    a.runner = "sim";
    a.kind = "test";
    a.runnerJobId = "job-1";
    return a;
  }

  private List<String> mismatches(
      String runner, String kind, String jobId, String runId, Integer attemptNumber) {
    return CallbackService.mismatches(
        attempt,
        runner,
        kind,
        RunnerReport.finished(jobId, null, RunnerStatus.PASSED, "http://x/r", null)
            .naming(runId, attemptNumber));
  }
}
