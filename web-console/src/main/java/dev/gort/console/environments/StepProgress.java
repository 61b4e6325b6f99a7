package dev.gort.console.environments;

import dev.gort.console.web.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How far an environment's ten steps are, in words a person reads at a glance: "step 4 of 10
 * (key-pair)", "all 10 steps done", "failed at step 6 of 10 (lease)".
 *
 * @param done the steps done or skipped
 * @param total the steps there are (ten)
 * @param current the step running or next to run, or the one that failed; null when none is
 */
public record StepProgress(int done, int total, Environment.Step current, boolean failed) {

  static StepProgress of(Environment env) {
    return of(env.steps());
  }

  static StepProgress of(List<Environment.Step> steps) {
    int done = 0;
    Environment.Step current = null;
    boolean failed = false;
    for (Environment.Step s : steps) {
      switch (s.status() == null ? "" : s.status()) {
        case "DONE" -> done++;
        case "FAILED" -> {
          current = s;
          failed = true;
        }
        case "RUNNING" -> {
          if (!failed) current = s;
        }
        case "PENDING" -> {
          if (current == null) current = s;
        }
        default -> {
          // SKIPPED: after a failure, never run
        }
      }
    }
    return new StepProgress(done, steps.size(), current, failed);
  }

  /** "step 4 of 10 (key-pair)". */
  public String text() {
    if (total == 0) {
      return "no steps yet";
    }
    if (current == null) {
      return done == total ? "all " + total + " steps done" : done + " of " + total + " steps done";
    }
    String at = "step " + current.position() + " of " + total + " (" + current.step() + ")";
    return failed ? "failed at " + at : at;
  }

  /** "2 min 5 s" from start to end, or "running for 12 s" to {@code now}; null before a start. */
  static String took(Instant start, Instant end, Instant now) {
    if (start == null) {
      return null;
    }
    if (end == null) {
      return "running for " + Times.human(Duration.between(start, now));
    }
    return Times.human(Duration.between(start, end));
  }
}
