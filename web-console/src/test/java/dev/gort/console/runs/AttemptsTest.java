package dev.gort.console.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.console.runs.Attempts.Attempt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptsTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final JobLinks GITHUB =
      new JobLinks(
          runner ->
              runner.equals("github-actions")
                  ? Optional.of("https://github.com/{repository}/actions/runs/{jobId}")
                  : Optional.empty());

  @Test
  void aRetriedRunHasAnAttemptPerDispatchWithHowEachEnded() {
    Run run =
        run(
            "sim",
            2,
            Map.of(),
            h("QUEUED", 0, "requested by alice"),
            h("RUNNING", 1, "attempt 1 dispatched to sim as job-1"),
            h("COMPLETED", 6, "attempt 1 timed out: no callback before the deadline; retrying"),
            h("RUNNING", 6, "retrying: attempt 2 of 3"),
            h("RUNNING", 7, "attempt 2 dispatched to sim as job-2"),
            h("COMPLETED", 8, "runner reported passed for attempt 2"),
            h("EVALUATING", 8, "results sent to the results worker"),
            h("FINISHED", 9, "evaluated: PASSED"));

    List<Attempt> attempts = Attempts.of(run, GITHUB);

    assertThat(attempts).extracting(Attempt::number).containsExactly(1, 2);
    assertThat(attempts.get(0).jobId()).isEqualTo("job-1");
    assertThat(attempts.get(0).dispatchedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(attempts.get(0).end())
        .isEqualTo("timed out: no callback before the deadline; retrying");
    assertThat(attempts.get(1).dispatchedAt()).isEqualTo(T0.plusSeconds(7));
    assertThat(attempts.get(1).endedAt()).isEqualTo(T0.plusSeconds(8));
    assertThat(attempts.get(1).end()).isEqualTo("runner reported passed");
    assertThat(attempts).allMatch(a -> a.jobLink() == null, "sim has no link template");
  }

  @Test
  void aGitHubAttemptLinksToItsWorkflowRun() {
    Run run =
        run(
            "github-actions",
            1,
            Map.of("repository", "example/lab", "workflow", "gort.yml"),
            h("QUEUED", 0, "requested by alice"),
            h("RUNNING", 1, "attempt 1 dispatched to github-actions as 123456"),
            h("COMPLETED", 4, "runner reported failed for attempt 1: 2 tests failed"));

    Attempt attempt = Attempts.of(run, GITHUB).get(0);

    assertThat(attempt.jobLink()).isEqualTo("https://github.com/example/lab/actions/runs/123456");
    assertThat(attempt.end()).isEqualTo("runner reported failed: 2 tests failed");
  }

  @Test
  void attemptsTheHistoryDoesNotNameAreStillListed() {
    Run run = run("sim", 1, Map.of(), h("QUEUED", 0, "requested by alice"));

    List<Attempt> attempts = Attempts.of(run, GITHUB);

    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).runner()).isEqualTo("sim");
    assertThat(attempts.get(0).jobId()).isNull();
  }

  @Test
  void anUnresponsiveRunnerIsNotedOnItsAttempt() {
    Run run =
        run(
            "sim",
            1,
            Map.of(),
            h("RUNNING", 1, "attempt 1 dispatched to sim as j"),
            h(
                "RUNNING",
                7,
                "attempt 1 is overdue and runner sim has not answered status polls since x: y"));

    assertThat(Attempts.of(run, GITHUB).get(0).unresponsive()).isTrue();
  }

  @Test
  void whoCancelledTheRunIsReadFromItsHistory() {
    Run run =
        run(
            "sim",
            1,
            Map.of(),
            h("RUNNING", 1, "attempt 1 dispatched to sim as j"),
            h("FINISHED", 2, "cancelled by alice"));

    assertThat(run.cancelledBy()).isEqualTo("alice");
    assertThat(run.finishedDateTime()).isEqualTo(T0.plusSeconds(2));
    assertThat(
            run("sim", 1, Map.of(), h("FINISHED", 2, "cancelled at the gateway: halted"))
                .cancelledBy())
        .isNull();
  }

  static Run.History h(String state, int second, String reason) {
    return new Run.History(state, T0.plusSeconds(second), reason);
  }

  static Run run(
      String runner, int attempts, Map<String, Object> settings, Run.History... history) {
    String state = history.length == 0 ? "QUEUED" : history[history.length - 1].state();
    return new Run(
        "r1",
        "exp",
        "rev1",
        "alice",
        runner,
        "test",
        settings,
        "alice",
        state,
        null,
        attempts,
        "op1",
        null,
        T0,
        T0,
        null,
        null,
        List.of(history));
  }
}
