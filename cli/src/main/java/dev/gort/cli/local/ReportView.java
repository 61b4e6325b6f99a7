package dev.gort.cli.local;

import dev.gort.cli.output.Table;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.report.AttemptReport;
import dev.gort.common.pipeline.report.JobReport;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.StageReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Pipeline reports as people read them: one run in detail, or many as rows. */
public final class ReportView {

  private ReportView() {}

  /** The header, the stages and the jobs of one run; with {@code logs}, every attempt's log. */
  public static String detail(PipelineReport report, boolean logs) {
    StringBuilder out = new StringBuilder();
    out.append(verdict(report)).append('\n');
    line(out, "repository", report.repository());
    line(out, "commit", report.commit());
    line(out, "where", report.where().name().toLowerCase(java.util.Locale.ROOT));
    line(out, "started", String.valueOf(report.startedAt()));
    line(out, "finished", report.finishedAt() == null ? null : report.finishedAt().toString());
    for (String note : report.notes()) {
      line(out, "note", note);
    }
    out.append('\n');
    Table stages = Table.of("STAGE", "STATUS", "TOOK");
    for (StageReport stage : report.stages()) {
      stages.row(stage.name(), stage.status(), took(stage.startedAt(), stage.finishedAt()));
    }
    out.append(stages.render()).append('\n');
    Table jobs = Table.of("STAGE", "JOB", "STATE", "ATTEMPTS", "EXIT", "TOOK", "DETAIL");
    for (JobReport job : report.jobs()) {
      jobs.row(jobCells(job));
    }
    out.append(jobs.render());
    if (logs) {
      for (JobReport job : report.jobs()) {
        for (AttemptReport attempt : job.attempts()) {
          out.append("\n--- ").append(job.name()).append(", attempt ").append(attempt.number());
          out.append(" ---\n");
          if (attempt.log() != null && attempt.log().text() != null) {
            out.append(attempt.log().text());
          } else if (attempt.log() != null) {
            out.append(attempt.log().url()).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  /** Runs as rows, one each. */
  public static String runs(List<PipelineReport> reports) {
    Table table =
        Table.of(
            "PIPELINE",
            "RUN",
            "STATUS",
            "WHERE",
            "REPOSITORY",
            "COMMIT",
            "STARTED",
            "TOOK",
            "JOBS");
    for (PipelineReport report : reports) {
      table.row(
          report.pipeline(),
          report.run(),
          report.status(),
          report.where().name().toLowerCase(java.util.Locale.ROOT),
          report.repository(),
          report.commit(),
          report.startedAt(),
          took(report.startedAt(), report.finishedAt()),
          report.jobs().size());
    }
    return table.render();
  }

  /** The jobs of many runs as rows (when a stage or job narrows the listing). */
  public static String jobs(List<PipelineReport> reports) {
    Table table =
        Table.of("PIPELINE", "RUN", "STAGE", "JOB", "STATE", "ATTEMPTS", "EXIT", "TOOK", "DETAIL");
    for (PipelineReport report : reports) {
      for (JobReport job : report.jobs()) {
        Object[] cells = jobCells(job);
        Object[] row = new Object[cells.length + 2];
        row[0] = report.pipeline();
        row[1] = report.run();
        System.arraycopy(cells, 0, row, 2, cells.length);
        table.row(row);
      }
    }
    return table.render();
  }

  /** {@code demo run 3 FAILED in 2.3 s: unit failed (command 1 exited with 3)}. */
  public static String verdict(PipelineReport report) {
    StringBuilder text =
        new StringBuilder(report.pipeline() + " run " + report.run() + " " + report.status());
    if (report.finishedAt() != null) {
      text.append(" in ").append(took(report.startedAt(), report.finishedAt()));
    }
    for (JobReport job : report.jobs()) {
      if (job.state() == StepState.FAILED && !job.allowedFailure()) {
        AttemptReport last = job.lastAttempt();
        text.append(": ").append(job.name()).append(" failed");
        if (last != null && last.reason() != null) {
          text.append(" (").append(last.reason()).append(')');
        }
        break;
      }
    }
    return text.toString();
  }

  /** STAGE, JOB, STATE, ATTEMPTS, EXIT, TOOK, DETAIL. */
  private static Object[] jobCells(JobReport job) {
    AttemptReport last = job.lastAttempt();
    return new Object[] {
      job.stage(),
      job.name(),
      state(job),
      job.attempts().size(),
      last == null ? null : last.exitCode(),
      last == null ? null : took(last.startedAt(), last.finishedAt()),
      detail(job)
    };
  }

  private static String state(JobReport job) {
    String state = job.state().name();
    if (job.allowedFailure()) {
      state += " (allowed)";
    }
    return job.flaky() ? state + ", FLAKY" : state;
  }

  private static String detail(JobReport job) {
    if (job.skipReason() != null) {
      return job.skipReason();
    }
    AttemptReport last = job.lastAttempt();
    if (last == null || Boolean.TRUE.equals(last.succeeded())) {
      return null;
    }
    String failure = last.failureClass() == null ? "" : last.failureClass().wireName();
    return last.reason() == null ? failure : failure + ": " + last.reason();
  }

  private static void line(StringBuilder out, String label, String value) {
    if (value != null) {
      out.append(String.format("%-12s%s%n", label + ":", value));
    }
  }

  /** How long from start to end; null unless both are known. */
  public static String took(Instant start, Instant end) {
    return start == null || end == null
        ? null
        : LocalProgress.duration(Duration.between(start, end));
  }
}
