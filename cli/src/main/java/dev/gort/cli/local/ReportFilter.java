package dev.gort.cli.local;

import dev.gort.common.pipeline.report.JobReport;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.StageReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which reports {@code gort reports} shows (seed 003's filters; each given one must match): by
 * repository, pipeline and run number; a stage or job keeps only those jobs (and that stage), and a
 * run with none of them left out. Newest first.
 */
record ReportFilter(String repository, String pipeline, Integer run, String stage, String job) {

  static final Comparator<PipelineReport> NEWEST_FIRST =
      Comparator.comparing(PipelineReport::startedAt).thenComparing(PipelineReport::run).reversed();

  boolean isEmpty() {
    return repository == null && pipeline == null && run == null && stage == null && job == null;
  }

  List<PipelineReport> apply(List<PipelineReport> reports) {
    List<PipelineReport> kept = new ArrayList<>();
    for (PipelineReport report : reports) {
      if ((repository != null && !repository.equals(report.repository()))
          || (pipeline != null && !pipeline.equals(report.pipeline()))
          || (run != null && run != report.run())) {
        continue;
      }
      PipelineReport narrowed = narrow(report);
      if (narrowed != null) {
        kept.add(narrowed);
      }
    }
    kept.sort(NEWEST_FIRST);
    return kept;
  }

  private PipelineReport narrow(PipelineReport report) {
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
