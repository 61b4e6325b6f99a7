package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import dev.gort.cli.local.LocalProgress;
import dev.gort.cli.output.Table;
import dev.gort.cli.run.Polled;
import dev.gort.cli.run.RunWatcher;
import dev.gort.cli.run.StatusLine;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A watched pipeline run's progress, from the run as the scheduler shows it: on a terminal its
 * stages and jobs with their states and durations, redrawn in place after each poll; elsewhere a
 * plain line each time the run's status or a job's state changes, so a log holds no escape codes
 * and no repeats.
 */
abstract class PipelineProgress implements RunWatcher.Progress {

  /** At most this many stage and job rows are redrawn; beyond, settled jobs are left out. */
  static final int MAX_ROWS = 30;

  private static final Set<String> QUIET =
      Set.of("succeeded", "skipped", "waiting", "ready", "marked-to-skip");

  static PipelineProgress forOutput(PrintWriter out, boolean terminal, Clock clock) {
    return terminal ? new Redrawn(out, clock) : new Plain(out);
  }

  @Override
  public void end() {}

  /** The header line and the table of stages and jobs, redrawn. */
  static final class Redrawn extends PipelineProgress {
    private final StatusLine.Block block;
    private final Clock clock;

    Redrawn(PrintWriter out, Clock clock) {
      this.block = new StatusLine.Block(out);
      this.clock = clock;
    }

    @Override
    public void show(JsonNode run, Polled polled, Duration elapsed) {
      block.show(lines(run, clock.instant(), elapsed));
    }

    /** {@code demo run 3 RUNNING 40 % 2.1 s}, then STAGE JOB STATE TOOK rows. */
    static List<String> lines(JsonNode run, Instant now, Duration elapsed) {
      List<String> lines = new ArrayList<>();
      lines.add(
          Json.text(run, "pipeline")
              + " run "
              + Json.text(run, "number")
              + " "
              + Json.text(run, "status")
              + " "
              + run.path("percentComplete").asInt(0)
              + " %  "
              + LocalProgress.duration(elapsed));
      List<JsonNode> jobs = RunViews.jobs(run);
      boolean all = run.path("stages").size() + jobs.size() <= MAX_ROWS;
      Table table = Table.of("STAGE", "JOB", "STATE", "TOOK");
      int left = 0;
      for (JsonNode stage : run.path("stages")) {
        table.row(Json.text(stage, "name"), "", Json.text(stage, "status"), took(stage, now));
        for (JsonNode job : stage.path("jobs")) {
          if (all || !QUIET.contains(Json.text(job, "state"))) {
            table.row("", Json.text(job, "id"), jobState(job), took(job, now));
          } else {
            left++;
          }
        }
      }
      table.render().lines().forEach(lines::add);
      if (left > 0) {
        lines.add("(" + left + " settled or waiting jobs not shown)");
      }
      return lines;
    }

    private static String jobState(JsonNode job) {
      JsonNode last = RunViews.lastAttempt(job);
      String state = RunViews.state(job);
      return last != null && last.path("number").asInt(1) > 1
          ? state + " (attempt " + last.path("number").asInt() + ")"
          : state;
    }

    /** A stage's or job's time: finished, or so far when it has started and not finished. */
    private static String took(JsonNode timed, Instant now) {
      return RunViews.took(timed, now);
    }
  }

  /** {@code 1.2 s test/unit: failed, exit 3 (0.1 s)}: one line per change. */
  static final class Plain extends PipelineProgress {
    private final PrintWriter out;
    private final Map<String, String> last = new HashMap<>();
    private String lastStatus;

    Plain(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void show(JsonNode run, Polled polled, Duration elapsed) {
      String at = LocalProgress.duration(elapsed);
      String status = Json.text(run, "status");
      if (!status.equals(lastStatus)) {
        out.println(
            at
                + "  "
                + Json.text(run, "pipeline")
                + " run "
                + Json.text(run, "number")
                + ": "
                + status);
        lastStatus = status;
      }
      for (JsonNode job : RunViews.jobs(run)) {
        String state = describe(job);
        String name = Json.text(job, "stage") + "/" + Json.text(job, "id");
        if (state != null && !state.equals(last.put(name, state))) {
          out.println(at + "  " + name + ": " + state);
        }
      }
      out.flush();
    }

    /** The job's state as a line tells it; null for states not worth a line. */
    static String describe(JsonNode job) {
      String state = Json.text(job, "state");
      JsonNode attempt = RunViews.lastAttempt(job);
      String number = attempt == null ? null : Json.text(attempt, "number");
      String reason = attempt == null ? null : Json.text(attempt, "reason");
      switch (state) {
        case "waiting":
        case "ready":
          return attempt == null
              ? null
              : "attempt "
                  + number
                  + " failed"
                  + (reason != null ? ": " + reason : "")
                  + "; runs again";
        case "running":
          return "running (attempt " + (number == null ? "1" : number) + ")";
        case "succeeded":
          return "succeeded" + took(attempt) + (job.path("flaky").asBoolean() ? ", flaky" : "");
        case "failed":
          return "failed"
              + (job.path("allowedFailure").asBoolean() ? " (allowed)" : "")
              + (reason != null ? ": " + reason : "")
              + took(attempt);
        case "skipped":
          String skipReason = Json.text(job, "skipReason");
          return "skipped" + (skipReason != null ? ": " + skipReason : "");
        default:
          return state;
      }
    }

    private static String took(JsonNode attempt) {
      String took = attempt == null ? null : RunViews.took(attempt);
      return took == null ? "" : " (" + took + ")";
    }

    @Override
    public void end() {
      out.flush();
    }
  }
}
