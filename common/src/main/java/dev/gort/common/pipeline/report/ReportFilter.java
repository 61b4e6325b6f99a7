package dev.gort.common.pipeline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which reports {@code gort reports} shows (seed 003's filters; each given one must match): by
 * repository, pipeline and run number; a stage or job keeps only those jobs (and that stage), and a
 * run with none of them left out. Newest first. The CLI applies it to local reports; the scheduler
 * to remote and uploaded ones ({@code GET /api/v1/pipeline-reports}), so both filter alike.
 *
 * @param run null for any run number
 */
public record ReportFilter(
    String repository, String pipeline, Integer run, String stage, String job) {

  public static final Comparator<PipelineReport> NEWEST_FIRST =
      Comparator.comparing(PipelineReport::startedAt).thenComparing(PipelineReport::run).reversed();

  public boolean isEmpty() {
    return repository == null && pipeline == null && run == null && stage == null && job == null;
  }

  /** The reports that match, each narrowed to the jobs asked for, newest first. */
  public List<PipelineReport> apply(List<PipelineReport> reports) {
    List<PipelineReport> kept = new ArrayList<>();
    for (PipelineReport report : reports) {
      PipelineReport narrowed = narrow(report);
      if (narrowed != null) {
        kept.add(narrowed);
      }
    }
    kept.sort(NEWEST_FIRST);
    return kept;
  }

  /**
   * {@code report} narrowed to the stage and job asked for (itself when neither is), or null when
   * it does not match: another repository, pipeline or run number, or none of its jobs left.
   */
  public PipelineReport narrow(PipelineReport report) {
    if ((repository != null && !repository.equals(report.repository()))
        || (pipeline != null && !pipeline.equals(report.pipeline()))
        || (run != null && run != report.run())) {
      return null;
    }
    if (stage == null && job == null) {
      return report;
    }
    List<JobReport> jobs = new ArrayList<>();
    for (JobReport candidate : report.jobs()) {
      if ((stage == null || stage.equals(candidate.stage()))
          && (job == null || job.equals(candidate.name()))) {
        jobs.add(candidate);
      }
    }
    if (jobs.isEmpty()) {
      return null;
    }
    List<StageReport> stages = new ArrayList<>();
    for (StageReport candidate : report.stages()) {
      if (jobs.stream().anyMatch(j -> j.stage().equals(candidate.name()))) {
        stages.add(candidate);
      }
    }
    return new PipelineReport(
        report.version(),
        report.pipeline(),
        report.run(),
        report.repository(),
        report.commit(),
        report.where(),
        report.status(),
        report.startedAt(),
        report.finishedAt(),
        report.notes(),
        stages,
        jobs);
  }
}
