package dev.gort.common.pipeline.report;

import dev.gort.common.pipeline.run.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one pipeline run did, in one self-contained document: what the CLI stores for a {@code
 * --local} run under {@code ~/.gort/reports/<pipeline>/<run>.json} and what the server will accept
 * from {@code gort upload} beside its own runs (seed 003, "Report Function"). Built by {@link
 * PipelineReports#of}; written and read by {@link PipelineReportJson}, which refuses a document
 * another {@link #version} wrote. Every list and text is bounded ({@link ReportLimits}), checked
 * when a report is made, so a report read from anywhere is as safe as one built here.
 *
 * @param version the format's version, {@link #VERSION}
 * @param pipeline the pipeline's name
 * @param run the run's number, counted per pipeline (and per place: local runs count apart)
 * @param repository where the pipeline's code came from; null when not given
 * @param commit the commit hash that ran; null when not given
 * @param where {@code LOCAL} ({@code gort run --local}) or {@code REMOTE} (the scheduler)
 * @param status the run's status as it ended (or as it was when the report was made)
 * @param startedAt when the run started
 * @param finishedAt when it ended; null while it runs
 * @param notes what the reader should know about how it ran (jobs with an image on the host,
 *     prompts nobody could answer); may be empty
 * @param stages in pipeline order
 * @param jobs in pipeline (file) order
 */
public record PipelineReport(
    int version,
    String pipeline,
    int run,
    String repository,
    String commit,
    Where where,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    List<String> notes,
    List<StageReport> stages,
    List<JobReport> jobs) {

  public static final int VERSION = 1;
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** Where the run ran. */
  public enum Where {
    LOCAL,
    REMOTE
  }

  public PipelineReport {
    if (version != VERSION) {
      throw new InvalidReportException(
          "report version " + version + " is not supported; this gort reads version " + VERSION);
    }
    ReportLimits.name("pipeline", pipeline);
    if (run < 1) {
      throw new InvalidReportException("run must be 1 or more, not " + run);
    }
    ReportLimits.optionalText("repository", repository, ReportLimits.MAX_LABEL);
    ReportLimits.optionalText("commit", commit, ReportLimits.MAX_LABEL);
    ReportLimits.required("where", where);
    ReportLimits.required("status", status);
    ReportLimits.required("started_at", startedAt);
    notes = ReportLimits.list("notes", notes, ReportLimits.MAX_NOTES);
    for (String note : notes) {
      ReportLimits.text("notes[]", note, ReportLimits.MAX_NOTE);
    }
    stages = ReportLimits.list("stages", stages, ReportLimits.MAX_STAGES);
    jobs = ReportLimits.list("jobs", jobs, ReportLimits.MAX_JOBS);
    ReportLimits.consistent(stages, jobs);
  }

  /** The jobs of {@code stage}, in pipeline order. */
  public List<JobReport> jobsOf(String stage) {
    return jobs.stream().filter(job -> job.stage().equals(stage)).toList();
  }
}
