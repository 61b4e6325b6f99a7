package dev.gort.common.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFilterTest {

  private static PipelineReport report(int run, String repository) {
    PipelineReport demo =
        PipelineReports.of(
            PipelineReportsTest.finished(),
            PipelineReportsTest.facts(PipelineReportsTest.T0.plusSeconds(5)),
            PipelineReports.AttemptLogs.NONE);
    return new PipelineReport(
        demo.version(),
        demo.pipeline(),
        run,
        repository,
        demo.commit(),
        demo.where(),
        demo.status(),
        demo.startedAt().plusSeconds(run),
        demo.finishedAt(),
        demo.notes(),
        demo.stages(),
        demo.jobs());
  }

  @Test
  void repositoryPipelineAndRunMustMatchAndTheNewestComesFirst() {
    List<PipelineReport> reports = List.of(report(1, "r1"), report(3, "r2"), report(2, "r1"));
    assertThat(new ReportFilter(null, null, null, null, null).apply(reports))
        .extracting(PipelineReport::run)
        .containsExactly(3, 2, 1);
    assertThat(new ReportFilter("r1", "demo", null, null, null).apply(reports))
        .extracting(PipelineReport::run)
        .containsExactly(2, 1);
    assertThat(new ReportFilter(null, "other", null, null, null).apply(reports)).isEmpty();
    assertThat(new ReportFilter(null, null, 3, null, null).narrow(report(3, "r2"))).isNotNull();
    assertThat(new ReportFilter(null, null, 2, null, null).narrow(report(3, "r2"))).isNull();
    assertThat(new ReportFilter(null, null, null, null, null).isEmpty()).isTrue();
  }

  @Test
  void aStageOrJobKeepsOnlyThoseJobsAndTheirStage() {
    PipelineReport report = report(1, null);
    PipelineReport stage = new ReportFilter(null, null, null, "test", null).narrow(report);
    assertThat(stage.jobs())
        .extracting(JobReport::name)
        .containsExactly("unit", "lint", "report-lint");
    assertThat(stage.stages()).extracting(StageReport::name).containsExactly("test");
    PipelineReport job = new ReportFilter(null, null, null, null, "compile").narrow(report);
    assertThat(job.jobs()).extracting(JobReport::name).containsExactly("compile");
    assertThat(job.stages()).extracting(StageReport::name).containsExactly("build");
    assertThat(new ReportFilter(null, null, null, "build", "unit").narrow(report)).isNull();
  }
}
