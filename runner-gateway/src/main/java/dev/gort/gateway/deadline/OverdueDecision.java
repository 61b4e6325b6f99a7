package dev.gort.gateway.deadline;

import dev.gort.gateway.attempt.Attempt;
import dev.gort.gateway.runner.RunnerReport;
import java.time.Duration;
import java.time.Instant;

/**
 * Seed 000's "timeout" decisions for an overdue, dispatched attempt, as a function of the attempt,
 * what its runner answered the status poll, and the time: nothing here reads a clock or a table.
 *
 * <ul>
 *   <li>the job still runs, or the runner does not know it: time the attempt out (and halt the
 *       job);
 *   <li>the job finished and the answer says how: that is its report, recovered (a lost callback);
 *   <li>the job finished but the answer does not say how: its callback may be on its way, so poll
 *       again with back-off, and time out only once the grace after the deadline has passed;
 *   <li>no answer: the run is unresponsive from now (once), polled again with back-off, until the
 *       grace has passed since the runner stopped answering; then time out anyway.
 * </ul>
 */
public final class OverdueDecision {

  private OverdueDecision() {}

  /** What to do with the attempt. */
  public sealed interface Decision {}

  /** End the attempt as timed out for {@code reason}; its job is halted. */
  public record TimeOut(String reason) implements Decision {}

  /** Record {@code report} as the attempt's report, as if its callback had come. */
  public record Recover(RunnerReport report) implements Decision {}

  /**
   * Poll the runner again at {@code at}; {@code unresponsiveSince} is set when the runner has just
   * stopped answering (the run becomes unresponsive), null otherwise.
   */
  public record PollAgain(Instant at, Instant unresponsiveSince) implements Decision {}

  /**
   * @param a the attempt, overdue and dispatched, as stored before this poll
   * @param polls status polls sent since it became overdue, this one included
   * @param grace {@code gort.gateway.unresponsive-grace}
   * @param backoff wait after {@code polls} polls without an end
   */
  public static Decision decide(
      Attempt a, int polls, StatusAnswer answer, Instant now, Duration grace, Duration backoff) {
    if (answer.answered() && !answer.status().finished()) {
      String silence =
          a.unresponsiveSince == null ? "" : " after not answering since " + a.unresponsiveSince;
      return new TimeOut(
          "no callback before the deadline "
              + a.deadline
              + "; the runner answered"
              + silence
              + ": "
              + answer.status().status());
    }
    if (answer.answered() && answer.status().report() != null) {
      return new Recover(answer.status().report());
    }
    Instant newlyUnresponsive = !answer.answered() && a.unresponsiveSince == null ? now : null;
    Instant silentSince = newlyUnresponsive != null ? newlyUnresponsive : a.unresponsiveSince;
    Instant giveUpAt =
        (answer.answered() || silentSince == null ? a.deadline : silentSince).plus(grace);
    if (!now.isBefore(giveUpAt)) {
      return new TimeOut(givenUp(a, polls, silentSince, answer));
    }
    Instant next = now.plus(backoff);
    return new PollAgain(next.isAfter(giveUpAt) ? giveUpAt : next, newlyUnresponsive);
  }

  private static String givenUp(Attempt a, int polls, Instant silentSince, StatusAnswer answer) {
    if (answer.answered()) {
      return "the runner reports job "
          + a.runnerJobId
          + " "
          + answer.status().status()
          + " but no callback came by "
          + a.deadline
          + " plus the grace";
    }
    return "runner "
        + a.runner
        + " has not answered a status poll since "
        + silentSince
        + " ("
        + polls
        + " polls; last: "
        + answer.why()
        + ")";
  }
}
