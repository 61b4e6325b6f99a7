package dev.gort.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.cli.InProcessGort;
import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.report.AttemptReport;
import dev.gort.common.pipeline.report.JobReport;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.report.StageStatus;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.common.process.ProcessTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gort run FILE --local} on real pipelines of small shell scripts. */
class LocalRunTest {

  @TempDir Path dir;

  private InProcessGort.Said run(String yaml, String... more) throws Exception {
    Path file = Files.writeString(dir.resolve("pipeline.yml"), yaml);
    List<String> args = new ArrayList<>(List.of("run", file.toString(), "--local"));
    args.addAll(List.of(more));
    return new InProcessGort(dir.resolve("home")).run(args.toArray(String[]::new));
  }

  private PipelineReport report(String pipeline, int run) throws Exception {
    return PipelineReportJson.read(
        Files.readAllBytes(dir.resolve("home/reports/" + pipeline + "/" + run + ".json")));
  }

  private static JobReport job(PipelineReport report, String name) {
    return report.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aPassingPipelineRunsItsStagesInOrderAndExitsZero() throws Exception {
    InProcessGort.Said said =
        run(
            "pipeline: demo\n"
                + "stages: [build, test]\n"
                + "jobs:\n"
                + "  compile: {stage: build, script: [\"echo compiled $PIPELINE_COMMIT\", \"sleep 0.3\"]}\n"
                + "  unit: {stage: test, script: [\"echo unit\"]}\n"
                + "  lint: {stage: test, script: [\"echo lint\"]}\n",
            "--commit",
            "abc123",
            "--repository",
            "demo.git");

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out()).contains("demo run 1 SUCCEEDED").contains("reports/demo/1.json");
    PipelineReport report = report("demo", 1);
    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.where()).isEqualTo(PipelineReport.Where.LOCAL);
    assertThat(report.commit()).isEqualTo("abc123");
    assertThat(report.repository()).isEqualTo("demo.git");
    assertThat(report.finishedAt()).isNotNull();
    assertThat(report.stages())
        .allSatisfy(s -> assertThat(s.status()).isEqualTo(StageStatus.SUCCEEDED));
    AttemptReport compile = job(report, "compile").lastAttempt();
    assertThat(compile.log().text()).contains("compiled abc123");
    for (String later : List.of("unit", "lint")) {
      assertThat(job(report, later).lastAttempt().startedAt())
          .isAfterOrEqualTo(compile.finishedAt());
    }
  }

  @Test
  void aFailingCommandFailsTheRunWithItsExitCodeAndRoutesToOnFailure() throws Exception {
    InProcessGort.Said said =
        run(
            "pipeline: fails\n"
                + "stages: [build, test]\n"
                + "jobs:\n"
                + "  compile: {stage: build, script: [\"echo one\", \"exit 3\", \"echo never\"],"
                + " on_failure: cleanup}\n"
                + "  cleanup: {stage: build, script: [\"echo cleaning\"]}\n"
                + "  unit: {stage: test, needs: [compile], script: [\"echo unit\"]}\n");

    assertThat(said.exit()).isEqualTo(1);
    assertThat(said.err()).contains("gort: fails run 1 FAILED").contains("compile failed");
    PipelineReport report = report("fails", 1);
    assertThat(report.status()).isEqualTo(RunStatus.FAILED);
    AttemptReport compile = job(report, "compile").lastAttempt();
    assertThat(compile.exitCode()).isEqualTo(3);
    assertThat(compile.failureClass()).isEqualTo(FailureClass.SCRIPT_FAILURE);
    assertThat(compile.log().text()).contains("one").doesNotContain("never");
    assertThat(job(report, "cleanup").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(job(report, "unit").state()).isEqualTo(StepState.SKIPPED);
    assertThat(job(report, "unit").skipReason()).contains("compile");
  }

  @Test
  void allowedExitCodesDoNotFailTheRunOthersDo() throws Exception {
    String pipeline =
        "pipeline: allow\n"
            + "stages: [test]\n"
            + "jobs:\n"
            + "  flaky-lint: {stage: test, allow_failure: {exit_codes: [3]}, script: [\"exit %d\"]}\n";

    assertThat(run(String.format(pipeline, 3)).exit()).isZero();
    assertThat(job(report("allow", 1), "flaky-lint").allowedFailure()).isTrue();
    assertThat(run(String.format(pipeline, 4)).exit()).isEqualTo(1);
    assertThat(job(report("allow", 2), "flaky-lint").allowedFailure()).isFalse();
  }

  @Test
  void aRetriedJobKeepsBothAttemptsAndIsFlaky() throws Exception {
    Path marker = dir.resolve("failed-once");
    InProcessGort.Said said =
        run(
            "pipeline: retry\n"
                + "stages: [test]\n"
                + "jobs:\n"
                + "  unit:\n"
                + "    stage: test\n"
                + "    retry: {max: 2, when: [script_failure]}\n"
                + "    script: [\"if [ -e "
                + marker
                + " ]; then echo passed; else touch "
                + marker
                + "; exit 1; fi\"]\n"
                + "  other:\n"
                + "    stage: test\n"
                + "    retry: {max: 2, when: [runner_system_failure]}\n"
                + "    allow_failure: true\n"
                + "    script: [\"exit 1\"]\n");

    assertThat(said.exit()).as(said.err()).isZero();
    PipelineReport report = report("retry", 1);
    JobReport unit = job(report, "unit");
    assertThat(unit.attempts()).extracting(AttemptReport::succeeded).containsExactly(false, true);
    assertThat(unit.flaky()).isTrue();
    assertThat(said.out()).contains("SUCCEEDED, FLAKY");
    assertThat(job(report, "other").attempts())
        .as("script_failure is not retried there")
        .hasSize(1);
  }

  @Test
  void aTimeoutEndsTheWholeProcessTree() throws Exception {
    InProcessGort.Said said =
        run(
            "pipeline: slow\n"
                + "stages: [test]\n"
                + "jobs:\n"
                + "  hang: {stage: test, timeout: 2s, script: [\"sleep 60 & sleep 61; echo never\"]}\n");

    assertThat(said.exit()).isEqualTo(1);
    AttemptReport hang = job(report("slow", 1), "hang").lastAttempt();
    assertThat(hang.failureClass()).isEqualTo(FailureClass.JOB_EXECUTION_TIMEOUT);
    assertThat(hang.exitCode()).isNull();
    assertThat(hang.reason()).contains("timed out after 2.0 s").contains("all its processes ended");
    Matcher pid = Pattern.compile("command 1: pid (\\d+)").matcher(hang.log().text());
    assertThat(pid.find()).isTrue();
    assertThat(new ProcessTree(Long.parseLong(pid.group(1))).members()).isEmpty();
  }

  @Test
  void floodingOutputIsCappedAndMarkedTruncated() throws Exception {
    InProcessGort.Said said =
        run(
            "pipeline: flood\n"
                + "stages: [test]\n"
                + "jobs:\n"
                + "  noisy: {stage: test, script: [\"head -c 5000000 /dev/zero | tr '\\\\0' x\"]}\n");

    assertThat(said.exit()).as(said.err()).isZero();
    AttemptReport noisy = job(report("flood", 1), "noisy").lastAttempt();
    assertThat(noisy.log().truncated()).isTrue();
    assertThat(noisy.log().text().length()).isLessThan((int) RunCommand.OUTPUT_CAP + 1000);
    assertThat(noisy.log().text()).contains("dropped");
  }

  @Test
  void maxParallelOneRunsOneJobAtATime() throws Exception {
    InProcessGort.Said said =
        run(
            "pipeline: serial\n"
                + "stages: [test]\n"
                + "jobs:\n"
                + "  a: {stage: test, script: [\"sleep 0.3\"]}\n"
                + "  b: {stage: test, script: [\"sleep 0.3\"]}\n",
            "--max-parallel",
            "1");

    assertThat(said.exit()).isZero();
    PipelineReport report = report("serial", 1);
    assertThat(job(report, "b").lastAttempt().startedAt())
        .isAfterOrEqualTo(job(report, "a").lastAttempt().finishedAt());
  }

  @Test
  void withoutATerminalAJobWithAPromptIsSkippedSayingWhy() throws Exception {
    InProcessGort.Said said =
        run(
            "pipeline: ask\n"
                + "stages: [deploy]\n"
                + "jobs:\n"
                + "  deploy: {stage: deploy, input: \"Deploy?\", script: [\"echo deploying\"]}\n");

    assertThat(said.exit()).isZero();
    PipelineReport report = report("ask", 1);
    assertThat(job(report, "deploy").state()).isEqualTo(StepState.SKIPPED);
    assertThat(job(report, "deploy").skipReason())
        .contains("no terminal to answer its input prompt");
    assertThat(report.notes()).anySatisfy(note -> assertThat(note).contains("deploy skipped"));
  }

  @Test
  void anInvalidFileIsRefusedBeforeAnythingRuns() throws Exception {
    InProcessGort.Said said = run("pipeline: x\nstages: [a]\njobs: {j: {stage: b, script: [y]}}\n");

    assertThat(said.exit()).isEqualTo(2);
    assertThat(said.err()).contains("pipeline.yml:3:").contains("jobs.j.stage");
    assertThat(dir.resolve("home/reports")).doesNotExist();
  }

  @Test
  void withoutLocalTheRunIsForTheServerAndNeedsALogin() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("p.yml"), "pipeline: x\nstages: [a]\njobs: {j: {stage: a, script: [y]}}\n");
    InProcessGort.Said said = new InProcessGort(dir).run("run", file.toString());
    assertThat(said.exit()).isEqualTo(4);
    assertThat(said.err()).isEqualTo("gort: not logged in: run gort login first\n");
    assertThat(dir.resolve("reports")).doesNotExist();
  }
}
