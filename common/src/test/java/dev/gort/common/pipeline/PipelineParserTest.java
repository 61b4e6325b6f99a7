package dev.gort.common.pipeline;

import static dev.gort.common.pipeline.PipelineFiles.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineParserTest {

  @Test
  void theIssueExampleParsesToItsSpec() {
    PipelineSpec spec =
        parse(
            """
            pipeline: demo
            stages: [build, test]
            jobs:
              compile: {stage: build, script: [make]}
              unit:
                stage: test
                needs: [compile]
                script: [make test]
                retry: {max: 1, when: [runner_system_failure]}
              lint: {stage: test, allow_failure: true, script: [make lint], on_failure: report-lint}
              report-lint: {stage: test, script: [./report.sh]}
            """);

    assertThat(spec)
        .isEqualTo(
            new PipelineSpec(
                "demo",
                List.of("build", "test"),
                Map.of(
                    "compile",
                    job("compile", "build", List.of("make"), null),
                    "unit",
                    new JobSpec(
                        "unit",
                        "test",
                        "local",
                        "test",
                        null,
                        List.of("make test"),
                        List.of("compile"),
                        AllowFailure.NONE,
                        null,
                        new RetryPolicy(1, Set.of(FailureClass.RUNNER_SYSTEM_FAILURE)),
                        Map.of(),
                        List.of(),
                        List.of(),
                        null),
                    "lint",
                    new JobSpec(
                        "lint",
                        "test",
                        "local",
                        "test",
                        null,
                        List.of("make lint"),
                        null,
                        AllowFailure.ANY,
                        null,
                        RetryPolicy.NONE,
                        Map.of(),
                        List.of(),
                        List.of("report-lint"),
                        null),
                    "report-lint",
                    job("report-lint", "test", List.of("./report.sh"), null))));
    assertThat(spec.jobs().keySet()).containsExactly("compile", "unit", "lint", "report-lint");
  }

  @Test
  void theContractExampleGivesEveryKey() {
    PipelineSpec spec =
        parse(
            """
            pipeline: demo
            stages: [build, test, deploy]
            jobs:
              compile: {stage: build, script: [make]}
              unit:
                stage: test
                runner: local
                kind: test
                image: maven:3.9
                script: [make test]
                needs: [compile]
                allow_failure: {exit_codes: [1, 137]}
                timeout: 30m
                retry: {max: 1, when: [runner_system_failure]}
                tags: {suite: unit, arch: x86, bits: 64}
                on_success: deploy
                on_failure: [cleanup]
                input: "Approve?"
              deploy: {stage: deploy, script: ./deploy.sh}
              cleanup: {stage: deploy, script: [./cleanup.sh], needs: []}
            """);

    JobSpec unit = spec.jobs().get("unit");
    assertThat(unit)
        .isEqualTo(
            new JobSpec(
                "unit",
                "test",
                "local",
                "test",
                "maven:3.9",
                List.of("make test"),
                List.of("compile"),
                new AllowFailure(false, Set.of(1, 137)),
                Duration.ofMinutes(30),
                new RetryPolicy(1, Set.of(FailureClass.RUNNER_SYSTEM_FAILURE)),
                Map.of("suite", "unit", "arch", "x86", "bits", "64"),
                List.of("deploy"),
                List.of("cleanup"),
                "Approve?"));
    assertThat(spec.jobs().get("deploy").script()).containsExactly("./deploy.sh");
    assertThat(spec.jobs().get("deploy").needs()).isNull();
    assertThat(spec.jobs().get("cleanup").needs()).isEmpty();
  }

  @Test
  void absentOptionalKeysTakeTheirDefaults() {
    JobSpec compile =
        parse("pipeline: p\nstages: [b]\njobs:\n  compile: {stage: b, script: [make]}\n")
            .jobs()
            .get("compile");

    assertThat(compile.runner()).isEqualTo("local");
    assertThat(compile.kind()).isEqualTo("test");
    assertThat(compile.image()).isNull();
    assertThat(compile.needs()).isNull();
    assertThat(compile.allowFailure()).isEqualTo(AllowFailure.NONE);
    assertThat(compile.timeout()).isNull();
    assertThat(compile.retry()).isEqualTo(RetryPolicy.NONE);
    assertThat(compile.tags()).isEmpty();
    assertThat(compile.onSuccess()).isEmpty();
    assertThat(compile.onFailure()).isEmpty();
    assertThat(compile.input()).isNull();
  }

  @Test
  void jsonIsReadAsTheYamlItIs() {
    PipelineSpec spec =
        parse(
            """
            {"pipeline": "demo", "stages": ["build"],
             "jobs": {"compile": {"stage": "build", "script": ["make"], "retry": 2,
                                  "allow_failure": {"exit_codes": 3}, "timeout": "PT1H30M"}}}
            """);

    JobSpec compile = spec.jobs().get("compile");
    assertThat(compile.retry()).isEqualTo(new RetryPolicy(2, Set.of()));
    assertThat(compile.allowFailure()).isEqualTo(new AllowFailure(false, Set.of(3)));
    assertThat(compile.timeout()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void aSingleStringIsOneCommandAndOneLinkAndOneFailureClass() {
    JobSpec job =
        parse(
                PipelineFiles.withJob(
                    "  unit: {stage: test, script: make test, on_success: report,"
                        + " retry: {max: 2, when: script_failure}}\n"
                        + "  report: {stage: test, script: [./report.sh]}\n"))
            .jobs()
            .get("unit");

    assertThat(job.script()).containsExactly("make test");
    assertThat(job.onSuccess()).containsExactly("report");
    assertThat(job.retry().when()).containsExactly(FailureClass.SCRIPT_FAILURE);
  }

  @Test
  void namesThatYamlReadsAsNumbersOrBooleansStayTheNamesTheyLookLike() {
    PipelineSpec spec =
        parse("pipeline: 2024\nstages: [1, on]\njobs:\n  42: {stage: 1, script: [make]}\n");

    assertThat(spec.name()).isEqualTo("2024");
    assertThat(spec.stages()).containsExactly("1", "on");
    assertThat(spec.jobs()).containsOnlyKeys("42");
  }

  @Test
  void aliasesWithinTheLimitAreFollowed() {
    PipelineSpec spec =
        parse(
            """
            pipeline: demo
            stages: [build]
            jobs:
              a: {stage: build, script: &make [make, make check]}
              b: {stage: build, script: *make}
            """);

    assertThat(spec.jobs().get("b").script()).containsExactly("make", "make check");
  }

  private static JobSpec job(String name, String stage, List<String> script, List<String> needs) {
    return new JobSpec(
        name, stage, "local", "test", null, script, needs, null, null, null, null, null, null,
        null);
  }
}
