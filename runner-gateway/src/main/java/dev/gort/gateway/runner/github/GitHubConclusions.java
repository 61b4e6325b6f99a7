package dev.gort.gateway.runner.github;

import dev.gort.common.event.RunnerStatus;
import java.util.Map;

/**
 * How a completed workflow run's {@code conclusion} ends Gort's attempt (the table in
 * docs/runners/github-actions.md gives each reason).
 */
final class GitHubConclusions {

  private static final Map<String, RunnerStatus> OUTCOMES =
      Map.of(
          // the workflow's tests ran and passed; results in the run's artifact
          "success", RunnerStatus.PASSED,
          // the workflow ran and a step failed: the tests failed
          "failure", RunnerStatus.FAILED,
          "cancelled", RunnerStatus.CANCELLED,
          // a job passed its timeout-minutes: the runner reports a timeout
          "timed_out", RunnerStatus.TIMEOUT,
          // checks count neutral as passing (branch protection does): nothing failed
          "neutral", RunnerStatus.PASSED,
          // every job was skipped: nothing was tested
          "skipped", RunnerStatus.INFRA_FAILURE,
          // waits for someone's approval (environment, first-time contributor): never ran
          "action_required", RunnerStatus.INFRA_FAILURE,
          // GitHub gave up on it without a result
          "stale", RunnerStatus.INFRA_FAILURE,
          // the workflow file is invalid or the run could not start
          "startup_failure", RunnerStatus.INFRA_FAILURE);

  private GitHubConclusions() {}

  /** The outcome of {@code conclusion}; a conclusion GitHub adds later is an infra failure. */
  static RunnerStatus outcome(String conclusion) {
    return OUTCOMES.getOrDefault(conclusion, RunnerStatus.INFRA_FAILURE);
  }

  /** Whether a run that ended so has results worth fetching. */
  static boolean hasResults(String conclusion) {
    return "success".equals(conclusion)
        || "failure".equals(conclusion)
        || "neutral".equals(conclusion);
  }
}
