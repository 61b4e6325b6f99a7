package dev.gort.console.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's attempts, read from its history: the scheduler keeps no list of them, but records each
 * dispatch ("attempt 2 dispatched to sim as job-7"), timeout, report and retry with the attempt's
 * number. The gateway's API has no attempts either, so this is all a page can show of them.
 */
public final class Attempts {

  private static final Pattern DISPATCHED =
      Pattern.compile("^attempt (\\d+) dispatched to (\\S+) as (\\S+)$");
  private static final Pattern DISPATCH_IMPLIED =
      Pattern.compile("^dispatch of attempt (\\d+) implied by .*");
  private static final Pattern TIMED_OUT = Pattern.compile("^attempt (\\d+) timed out: (.*)$");
  private static final Pattern REPORTED =
      Pattern.compile("^runner reported (\\S+) for attempt (\\d+)(?:: (.*))?$");
  private static final Pattern UNRESPONSIVE =
      Pattern.compile("^attempt (\\d+) is overdue and runner .*");
  private static final Pattern RETRYING = Pattern.compile("^retrying: attempt (\\d+) of (\\d+)$");

  private Attempts() {}

  /**
   * One attempt: its runner and job there (null when the history does not name them), when it was
   * dispatched and ended, and how it ended ({@code end}, null while it runs).
   */
  public record Attempt(
      int number,
      String runner,
      String jobId,
      String jobLink,
      Instant dispatchedAt,
      Instant endedAt,
      String end,
      boolean unresponsive) {}

  /** The attempts of {@code run}, first to last, with their job links where one can be made. */
  public static List<Attempt> of(Run run, JobLinks links) {
    Map<Integer, Builder> attempts = new TreeMap<>();
    for (Run.History h : run.history()) {
      String reason = h.reason() == null ? "" : h.reason();
      Matcher m;
      if ((m = DISPATCHED.matcher(reason)).matches()) {
        Builder a = attempts.computeIfAbsent(number(m.group(1)), Builder::new);
        a.runner = m.group(2);
        a.jobId = m.group(3);
        a.dispatchedAt = a.dispatchedAt == null ? h.at() : a.dispatchedAt;
      } else if ((m = DISPATCH_IMPLIED.matcher(reason)).matches()) {
        Builder a = attempts.computeIfAbsent(number(m.group(1)), Builder::new);
        a.dispatchedAt = a.dispatchedAt == null ? h.at() : a.dispatchedAt;
      } else if ((m = RETRYING.matcher(reason)).matches()) {
        // queued again: its dispatch comes next
        attempts.computeIfAbsent(number(m.group(1)), Builder::new);
      } else if ((m = TIMED_OUT.matcher(reason)).matches()) {
        attempts
            .computeIfAbsent(number(m.group(1)), Builder::new)
            .end(h.at(), "timed out: " + m.group(2));
      } else if ((m = REPORTED.matcher(reason)).matches()) {
        String detail = m.group(3) == null ? "" : ": " + m.group(3);
        attempts
            .computeIfAbsent(number(m.group(2)), Builder::new)
            .end(h.at(), "runner reported " + m.group(1) + detail);
      } else if ((m = UNRESPONSIVE.matcher(reason)).matches()) {
        attempts.computeIfAbsent(number(m.group(1)), Builder::new).unresponsive = true;
      }
    }
    // a run whose history names no attempt (an old run, a nudge-only history) still had them
    for (int n = 1; n <= run.attempts(); n++) {
      attempts.computeIfAbsent(n, Builder::new);
    }
    List<Attempt> list = new ArrayList<>();
    for (Builder a : attempts.values()) {
      String runner = a.runner == null ? run.runner() : a.runner;
      String link =
          a.jobId == null ? null : links.link(runner, a.jobId, run.settings()).orElse(null);
      list.add(
          new Attempt(
              a.number, runner, a.jobId, link, a.dispatchedAt, a.endedAt, a.end, a.unresponsive));
    }
    return list;
  }

  private static int number(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static final class Builder {
    final int number;
    String runner;
    String jobId;
    Instant dispatchedAt;
    Instant endedAt;
    String end;
    boolean unresponsive;

    Builder(int number) {
      this.number = number;
    }

    void end(Instant at, String how) {
      // the first end counts: a report after a timeout is the same attempt's late word
      if (end == null) {
        endedAt = at;
        end = how;
      }
    }
  }
}
