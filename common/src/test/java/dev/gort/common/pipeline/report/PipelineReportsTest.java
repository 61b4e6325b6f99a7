package dev.gort.common.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.run.Dispatch;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.RunOptions;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepSelector;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineReportsTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  static final String DEMO =
      "pipeline: demo\n"
          + "stages: [build, test]\n"
          + "jobs:\n"
          + "  compile: {stage: build, script: [make]}\n"
          + "  unit: {stage: test, script: [make test], retry: {max: 1, when: [script_failure]}}\n"
          + "  lint: {stage: test, allow_failure: true, script: [make lint], on_failure: report-lint}\n"
          + "  report-lint: {stage: test, script: [./report.sh]}\n";

  static PipelineEngine started() {
    PipelineSpec spec = new PipelineParser().parse(DEMO);
    PipelineEngine engine = PipelineEngine.create(spec, RunOptions.DEFAULT);
    engine.apply(StepAction.START, StepSelector.ALL, false, "test", null, T0);
    return engine;
  }

  static PipelineReports.RunFacts facts(Instant finished) {
    return new PipelineReports.RunFacts(
        7,
        "git@example.com:demo.git",
        "abc123",
        PipelineReport.Where.LOCAL,
        T0,
        finished,
        List.of());
  }

  /**
   * Runs the demo: compile passes, unit fails then passes, lint fails (allowed), report-lint runs.
   */
  static PipelineEngine finished() {
    PipelineEngine engine = started();
    engine.advance(T0);
    engine.onResult("compile", 1, JobResult.success(), T0.plusSeconds(1));
    engine.advance(T0.plusSeconds(1));
    engine.onResult(
        "unit",
        1,
        JobResult.failure(2, FailureClass.SCRIPT_FAILURE, "exited 2"),
        T0.plusSeconds(2));
    engine.onResult(
        "lint",
        1,
        JobResult.failure(1, FailureClass.SCRIPT_FAILURE, "exited 1"),
        T0.plusSeconds(2));
    for (Dispatch d : engine.advance(T0.plusSeconds(2)).dispatched()) {
      engine.onResult(d.job(), d.attempt(), JobResult.success(), T0.plusSeconds(4));
    }
    engine.advance(T0.plusSeconds(4));
    return engine;
  }

  @Test
  void aFinishedRunIsReportedWithStagesJobsAndEveryAttempt() {
    PipelineEngine engine = finished();
    PipelineReport report =
        PipelineReports.of(
            engine,
            facts(T0.plusSeconds(5)),
            (job, attempt) -> AttemptLog.text(job + " log " + attempt, false));

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.pipeline()).isEqualTo("demo");
    assertThat(report.run()).isEqualTo(7);
    assertThat(report.stages())
        .extracting(StageReport::name, StageReport::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("build", StageStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("test", StageStatus.SUCCEEDED));
    assertThat(report.stages().get(0).startedAt()).isEqualTo(T0);
    assertThat(report.stages().get(0).finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(report.stages().get(1).finishedAt()).isEqualTo(T0.plusSeconds(4));

    JobReport unit = report.jobs().get(1);
    assertThat(unit.state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(unit.flaky()).isTrue();
    assertThat(unit.attempts()).hasSize(2);
    assertThat(unit.attempts().get(0).exitCode()).isEqualTo(2);
    assertThat(unit.attempts().get(0).failureClass()).isEqualTo(FailureClass.SCRIPT_FAILURE);
    assertThat(unit.attempts().get(1).succeeded()).isTrue();
    assertThat(unit.attempts().get(1).log().text()).isEqualTo("unit log 2");

    JobReport lint = report.jobs().get(2);
    assertThat(lint.state()).isEqualTo(StepState.FAILED);
    assertThat(lint.allowedFailure()).isTrue();
    assertThat(report.jobs().get(3).state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void aStageIsPendingRunningFailedOrSkippedAsItsJobsAre() {
    PipelineEngine engine = started();
    PipelineReport before =
        PipelineReports.of(engine, facts(null), PipelineReports.AttemptLogs.NONE);
    assertThat(before.stages()).extracting(StageReport::status).containsOnly(StageStatus.PENDING);

    engine.advance(T0);
    PipelineReport running =
        PipelineReports.of(engine, facts(null), PipelineReports.AttemptLogs.NONE);
    assertThat(running.stages().get(0).status()).isEqualTo(StageStatus.RUNNING);
    assertThat(running.stages().get(0).finishedAt()).isNull();

    engine.onResult(
        "compile", 1, JobResult.failure(1, FailureClass.SCRIPT_FAILURE, "no"), T0.plusSeconds(1));
    engine.advance(T0.plusSeconds(1));
    PipelineReport failed =
        PipelineReports.of(engine, facts(null), PipelineReports.AttemptLogs.NONE);
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.stages())
        .extracting(StageReport::status)
        .containsExactly(StageStatus.FAILED, StageStatus.SKIPPED);
    assertThat(failed.jobs().get(1).skipReason()).contains("compile");
  }

  @Test
  void jsonRoundTripsInSnakeCaseWithAVersion() {
    PipelineReport report =
        PipelineReports.of(
            finished(),
            facts(T0.plusSeconds(5)),
            (job, attempt) ->
                job.equals("compile")
                    ? AttemptLog.link(URI.create("https://gort.example/logs/1"))
                    : AttemptLog.text("ok\n", true));

    String json = PipelineReportJson.write(report);

    assertThat(json)
        .contains("\"version\" : 1")
        .contains("\"started_at\" : \"2026-12-01T10:00:00Z\"")
        .contains("\"allowed_failure\" : true")
        .contains("\"failure_class\" : \"SCRIPT_FAILURE\"")
        .contains("\"url\" : \"https://gort.example/logs/1\"");
    assertThat(PipelineReportJson.read(json)).isEqualTo(report);
  }

  @Test
  void readingRefusesAnotherVersionUnknownFieldsAndBrokenBounds() {
    String json =
        PipelineReportJson.write(
            PipelineReports.of(finished(), facts(null), PipelineReports.AttemptLogs.NONE));

    assertThatThrownBy(
            () -> PipelineReportJson.read(json.replace("\"version\" : 1", "\"version\" : 2")))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("report version 2 is not supported");
    assertThatThrownBy(
            () ->
                PipelineReportJson.read(json.replace("\"run\" : 7", "\"run\" : 7, \"extra\" : 1")))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("extra");
    assertThatThrownBy(() -> PipelineReportJson.read(json.replace("\"run\" : 7", "\"run\" : 0")))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("run must be 1 or more");
    assertThatThrownBy(
            () ->
                PipelineReportJson.read(
                    json.replace("\"pipeline\" : \"demo\"", "\"pipeline\" : \"../x\"")))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("not a pipeline, stage or job name");
    assertThatThrownBy(() -> PipelineReportJson.read(json.replace("\"SUCCEEDED\"", "\"GREAT\"")))
        .isInstanceOf(InvalidReportException.class);
    assertThatThrownBy(() -> PipelineReportJson.read("[1]"))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> PipelineReportJson.read(new byte[ReportLimits.MAX_DOCUMENT_BYTES + 1]))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("more than");
  }

  @Test
  void aReportIsBounded() {
    assertThatThrownBy(() -> AttemptLog.text("x".repeat(ReportLimits.MAX_LOG_CHARS + 1), false))
        .isInstanceOf(InvalidReportException.class);
    assertThatThrownBy(() -> AttemptLog.link(URI.create("file:///etc/passwd")))
        .isInstanceOf(InvalidReportException.class);
    assertThatThrownBy(() -> new AttemptLog("a", false, URI.create("https://x.example/")))
        .isInstanceOf(InvalidReportException.class);
    assertThatThrownBy(
            () ->
                new PipelineReport(
                    1,
                    "demo",
                    1,
                    null,
                    null,
                    PipelineReport.Where.LOCAL,
                    RunStatus.RUNNING,
                    T0,
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                        new JobReport(
                            "a", "nowhere", null, StepState.READY, false, false, null, List.of()))))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("stage nowhere");
  }
}
