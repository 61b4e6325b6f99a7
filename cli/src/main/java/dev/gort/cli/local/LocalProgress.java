package dev.gort.cli.local;

import dev.gort.cli.run.StatusLine;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.report.AttemptReport;
import dev.gort.common.pipeline.report.JobReport;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.StageReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A local run's live progress, drawn from its report as it stands: on a terminal one line redrawn
 * in place (the stages, the jobs running and for how long); elsewhere a plain line each time a
 * job's state changes, so a log holds no escape codes and no repeats.
 */
public interface LocalProgress {

  void show(PipelineReport report, Instant now);

  void end();

  static LocalProgress forOutput(PrintWriter out, boolean terminal) {
    return terminal ? new Redrawn(out) : new Plain(out);
  }

  /** {@code 0.4 s}, {@code 12 s}, {@code 2 m 5 s}. */
  static String duration(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    return seconds < 120 ? seconds + " s" : seconds / 60 + " m " + seconds % 60 + " s";
  }

  /** How long an attempt took, or has taken so far. */
  static String took(AttemptReport attempt, Instant now) {
    Instant end = attempt.finishedAt() == null ? now : attempt.finishedAt();
    return duration(Duration.between(attempt.startedAt(), end));
  }

  /** The redrawn line: {@code demo run 3 RUNNING build SUCCEEDED · test RUNNING: unit 1.2 s}. */
  final class Redrawn implements LocalProgress {
    private final StatusLine line;
    private Instant started;

    Redrawn(PrintWriter out) {
      this.line = StatusLine.forOutput(out, true);
    }

    @Override
    public void show(PipelineReport report, Instant now) {
      started = started == null ? report.startedAt() : started;
      line.show(summary(report, now), duration(Duration.between(started, now)));
    }

    static String summary(PipelineReport report, Instant now) {
      StringBuilder text =
          new StringBuilder(report.pipeline() + " run " + report.run() + " " + report.status());
      String separator = "  ";
      for (StageReport stage : report.stages()) {
        text.append(separator).append(stage.name()).append(' ').append(stage.status());
        separator = " · ";
        String runningJobs = running(report, stage, now);
        if (!runningJobs.isEmpty()) {
          text.append(": ").append(runningJobs);
        }
      }
      return text.toString();
    }

    private static String running(PipelineReport report, StageReport stage, Instant now) {
      StringBuilder jobs = new StringBuilder();
      for (JobReport job : report.jobsOf(stage.name())) {
        if (job.state() == StepState.RUNNING && job.lastAttempt() != null) {
          jobs.append(jobs.length() == 0 ? "" : ", ")
              .append(job.name())
              .append(' ')
              .append(took(job.lastAttempt(), now));
        }
      }
      return jobs.toString();
    }

    @Override
    public void end() {
      line.end();
    }
  }

  /** {@code 1.2 s test/unit: failed, exit 3 (0.1 s)}, one line per change of a job's state. */
  final class Plain implements LocalProgress {
    private final PrintWriter out;
    private final Map<String, String> last = new HashMap<>();

    Plain(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void show(PipelineReport report, Instant now) {
      for (JobReport job : report.jobs()) {
        String state = describe(job, now);
        if (state != null && !state.equals(last.put(job.name(), state))) {
          String at = duration(Duration.between(report.startedAt(), now));
          out.println(at + "  " + job.stage() + "/" + job.name() + ": " + state);
        }
      }
      out.flush();
    }

    /** The job's state as a line tells it; null for states not worth a line. */
    static String describe(JobReport job, Instant now) {
      AttemptReport attempt = job.lastAttempt();
      switch (job.state()) {
        case READY:
        case WAITING:
          return attempt == null
              ? null
              : "attempt "
                  + attempt.number()
                  + " failed"
                  + (attempt.reason() != null ? ": " + attempt.reason() : "")
                  + "; runs again";
        case RUNNING:
          return "running (attempt " + attempt.number() + ")";
        case SUCCEEDED:
          return "succeeded (" + took(attempt, now) + ")" + (job.flaky() ? ", flaky" : "");
        case FAILED:
          return "failed"
              + (job.allowedFailure() ? " (allowed)" : "")
              + (attempt != null && attempt.reason() != null ? ": " + attempt.reason() : "")
              + (attempt != null ? " (" + took(attempt, now) + ")" : "");
        case SKIPPED:
          return "skipped" + (job.skipReason() != null ? ": " + job.skipReason() : "");
        default:
          return job.state().wireName();
      }
    }

    @Override
    public void end() {
      out.flush();
    }
  }
}
