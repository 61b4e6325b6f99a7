package dev.gort.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.event.RunnerStatus;
import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.attempt.AttemptState;
import dev.gort.gateway.deadline.OverdueDecision.Decision;
import dev.gort.gateway.deadline.OverdueDecision.PollAgain;
import dev.gort.gateway.deadline.OverdueDecision.Recover;
import dev.gort.gateway.deadline.OverdueDecision.TimeOut;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerReport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's timeout decisions with a clock the test moves: the attempt's deadline is 10:00, the
 * grace 15 minutes, and each poll backs off by 1 minute.
 */
class OverdueDecisionTest {

  private static final Instant DEADLINE = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration GRACE = Duration.ofMinutes(15);
  private static final Duration BACKOFF = Duration.ofMinutes(1);

  private final Attempt attempt = dispatched();

  @Test
  void aJobStillRunningAtTheDeadlineIsTimedOut() {
    Decision d = decide(1, StatusAnswer.of(RunnerJobStatus.running("in_progress")), at(0, 5));

    assertThat(d).isInstanceOf(TimeOut.class);
    assertThat(((TimeOut) d).reason())
        .contains("no callback before the deadline " + DEADLINE)
        .endsWith("the runner answered: in_progress");
  }

  @Test
  void aFinishedJobWhoseAnswerSaysHowIsRecoveredNotTimedOut() {
    RunnerReport report =
        RunnerReport.finished("job-1", null, RunnerStatus.PASSED, "http://results", "success");

    Decision d =
        decide(1, StatusAnswer.of(RunnerJobStatus.recovered("completed", report)), at(0, 5));

    assertThat(d).isEqualTo(new Recover(report));
  }

  @Test
  void aFinishedJobWithoutItsReportGetsTheGraceForItsCallback() {
    StatusAnswer finished = StatusAnswer.of(RunnerJobStatus.finished("passed"));

    assertThat(decide(1, finished, at(0, 5))).isEqualTo(new PollAgain(at(1, 5), null));
    // the last poll is at the end of the grace, not past it
    assertThat(decide(9, finished, at(14, 30))).isEqualTo(new PollAgain(at(15, 0), null));
    assertThat(decide(10, finished, at(15, 0)))
        .isInstanceOfSatisfying(
            TimeOut.class,
            t -> assertThat(t.reason()).contains("reports job job-1 passed but no callback came"));
  }

  @Test
  void aRunnerThatStopsAnsweringIsUnresponsiveOnceAndGivenUpAfterTheGraceFromThen() {
    StatusAnswer none = StatusAnswer.none("connection refused");

    Decision first = decide(1, none, at(2, 0));
    assertThat(first).isEqualTo(new PollAgain(at(3, 0), at(2, 0)));

    attempt.unresponsiveSince = at(2, 0);
    // still silent: polled again, not announced again
    assertThat(decide(2, none, at(3, 0))).isEqualTo(new PollAgain(at(4, 0), null));
    // the grace counts from when it stopped answering (10:02), not from the deadline
    assertThat(decide(12, none, at(16, 30))).isEqualTo(new PollAgain(at(17, 0), null));
    assertThat(decide(13, none, at(17, 0)))
        .isInstanceOfSatisfying(
            TimeOut.class,
            t ->
                assertThat(t.reason())
                    .isEqualTo(
                        "runner sim has not answered a status poll since "
                            + at(2, 0)
                            + " (13 polls; last: connection refused)"));
  }

  @Test
  void aRunnerThatAnswersAgainAfterSilenceDecidesAsUsual() {
    attempt.unresponsiveSince = at(2, 0);

    Decision d = decide(3, StatusAnswer.of(RunnerJobStatus.running("running")), at(4, 0));

    assertThat(((TimeOut) d).reason()).contains("after not answering since " + at(2, 0));
  }

  private Decision decide(int polls, StatusAnswer answer, Instant now) {
    return OverdueDecision.decide(attempt, polls, answer, now, GRACE, BACKOFF);
  }

  private static Instant at(int minutes, int seconds) {
    return DEADLINE.plus(Duration.ofMinutes(minutes)).plusSeconds(seconds);
  }

  private static Attempt dispatched() {
    Attempt a = new Attempt();
    a.id = "attempt-1";
    a.runner = "sim";
    a.runnerJobId = "job-1";
    a.state = AttemptState.DISPATCHED;
    a.deadline = DEADLINE;
    return a;
  }
}
