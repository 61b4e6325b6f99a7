package dev.gort.common.pipeline;

import static dev.gort.common.pipeline.PipelineFiles.described;
import static dev.gort.common.pipeline.PipelineFiles.problems;
import static dev.gort.common.pipeline.PipelineFiles.withJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineValidationTest {

  @Test
  void everyProblemIsListedAtOnceInFileOrder() {
    List<String> problems =
        described(
            """
            pipeline: demo
            stages: [build, test]
            colour: blue
            jobs:
              compile: {stage: biuld, script: [make]}
              unit:
                stage: test
                needs: [compil]
                script: []
            """);

    assertThat(problems)
        .containsExactly(
            "3:1 colour: unknown key \"colour\"; allowed keys: pipeline, stages, jobs",
            "5:20 jobs.compile.stage: stage \"biuld\" is not one of this pipeline's stages:"
                + " build, test",
            "8:13 jobs.unit.needs[0]: needs \"compil\", which is not a job of this pipeline",
            "9:13 jobs.unit.script: script must have 1 to 100 commands, found 0");
  }

  @Test
  void theExceptionMessageCountsTheProblemsAndShowsTheFirst() {
    PipelineValidationException refused =
        catchThrowableOfType(
            () -> PipelineFiles.parse("pipeline: 'a b'\nstages: []\njobs: {}\nx: 1\n"),
            PipelineValidationException.class);

    assertThat(refused.total()).isEqualTo(4);
    assertThat(refused.getMessage())
        .startsWith("the pipeline file has 4 problems: 1:11 pipeline: \"a b\" is not a valid")
        .endsWith("; and 1 more");
  }

  @Test
  void aMissingPipelineNameIsReportedAtTheStartOfTheFile() {
    assertThat(described("stages: [b]\njobs:\n  j: {stage: b, script: [x]}\n"))
        .containsExactly(
            "1:1 pipeline: missing pipeline: a pipeline file must give the pipeline's name");
  }

  @Test
  void aPipelineNameMustMatchTheNamePattern() {
    assertThat(described("pipeline: -demo\nstages: [b]\njobs:\n  j: {stage: b, script: [x]}\n"))
        .containsExactly(
            "1:11 pipeline: \"-demo\" is not a valid pipeline name: use 1 to 63 letters, digits,"
                + " '.', '_' or '-', starting with a letter or digit");
    assertThat(described("pipeline: [a]\nstages: [b]\njobs:\n  j: {stage: b, script: [x]}\n"))
        .containsExactly("1:11 pipeline: pipeline name must be a name, found a list");
  }

  @Test
  void stagesAreRequiredAndMustBeANonEmptyList() {
    assertThat(described("pipeline: p\njobs:\n  j: {script: [x], stage: b}\n"))
        .containsExactly(
            "1:1 stages: missing stages: a pipeline file must give its stages in the order they"
                + " run");
    assertThat(described("pipeline: p\nstages: []\njobs:\n  j: {stage: b, script: [x]}\n"))
        .containsExactly("2:9 stages: stages must list at least one stage");
    assertThat(described("pipeline: p\nstages: build\njobs:\n  j: {stage: b, script: [x]}\n"))
        .containsExactly(
            "2:9 stages: stages must be a list of stage names, found the text \"build\"");
  }

  @Test
  void aStageListedTwiceIsReportedWithTheFirstPosition() {
    assertThat(described("pipeline: p\nstages: [b, t, b]\njobs:\n  j: {stage: b, script: [x]}\n"))
        .containsExactly("2:16 stages[2]: \"b\" is listed twice in stages (first at 2:10)");
  }

  @Test
  void aStageNameMustMatchTheNamePattern() {
    assertThat(described("pipeline: p\nstages: [b, 'x y']\njobs:\n  j: {stage: b, script: [x]}\n"))
        .singleElement()
        .asString()
        .startsWith("2:13 stages[1]: \"x y\" is not a valid stage name");
  }

  @Test
  void jobsAreRequiredAndMustBeANonEmptyMap() {
    assertThat(described("pipeline: p\nstages: [b]\n"))
        .containsExactly("1:1 jobs: missing jobs: a pipeline file must give its jobs");
    assertThat(described("pipeline: p\nstages: [b]\njobs: {}\n"))
        .containsExactly("3:7 jobs: jobs must have at least one job");
    assertThat(described("pipeline: p\nstages: [b]\njobs: [a, b]\n"))
        .containsExactly("3:7 jobs: jobs must be a map, found a list");
  }

  @Test
  void aJobNameMustMatchTheNamePattern() {
    assertThat(described(withJob("  \"unit tests\": {stage: test, script: [x]}\n")))
        .singleElement()
        .asString()
        .startsWith("5:3 jobs: \"unit tests\" is not a valid job name: use 1 to 63 letters");
  }

  @Test
  void aJobDefinedTwiceIsReportedAtTheSecond() {
    assertThat(described(withJob("  compile: {stage: test, script: [x]}\n")))
        .containsExactly(
            "5:3 jobs.compile: duplicate job \"compile\" (first at 4:3); each job may appear once");
  }

  @Test
  void aKeyGivenTwiceInAJobIsReported() {
    assertThat(described(withJob("  unit:\n    stage: test\n    script: [a]\n    stage: build\n")))
        .containsExactly(
            "8:5 jobs.unit.stage: duplicate key \"stage\" (first at 6:5); each key may appear"
                + " once");
  }

  @Test
  void anUnknownTopLevelKeyIsReportedWithTheAllowedKeys() {
    assertThat(
            described(
                "pipeline: p\nstages: [b]\njobs:\n  j: {stage: b, script: [x]}\nvariables: {}\n"))
        .containsExactly(
            "5:1 variables: unknown key \"variables\"; allowed keys: pipeline, stages, jobs");
  }

  @Test
  void anUnknownJobKeyIsReportedWithTheAllowedKeys() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], scripts: [y]}\n")))
        .containsExactly(
            "5:36 jobs.unit.scripts: unknown key \"scripts\"; allowed keys: stage, runner, kind,"
                + " image, script, needs, allow_failure, timeout, retry, tags, on_success,"
                + " on_failure, input");
  }

  @Test
  void aJobMustBeAMap() {
    assertThat(described(withJob("  unit: make test\n")))
        .containsExactly("5:9 jobs.unit: a job must be a map, found the text \"make test\"");
  }

  @Test
  void aJobWithoutStageOrScriptIsReportedAtItsName() {
    assertThat(described(withJob("  unit: {runner: local}\n")))
        .containsExactly(
            "5:3 jobs.unit.stage: a job must have a stage",
            "5:3 jobs.unit.script: a job must have a script (commands to run)");
  }

  @Test
  void aJobOfAnUnknownStageIsReportedWithTheStages() {
    assertThat(described(withJob("  unit: {stage: tset, script: [x]}\n")))
        .containsExactly(
            "5:17 jobs.unit.stage: stage \"tset\" is not one of this pipeline's stages: build,"
                + " test");
  }

  @Test
  void aScriptHasOneToAHundredNonBlankTextCommands() {
    assertThat(described(withJob("  unit: {stage: test, script: [make, '  ', 42]}\n")))
        .containsExactly(
            "5:38 jobs.unit.script[1]: a command must not be blank",
            "5:44 jobs.unit.script[2]: a command must be text, found the number 42 (put it in"
                + " quotes to use it as text)");
    String tooMany = "[" + "x, ".repeat(PipelineParser.MAX_COMMANDS) + "x]";
    assertThat(described(withJob("  unit: {stage: test, script: " + tooMany + "}\n")))
        .containsExactly("5:31 jobs.unit.script: script must have 1 to 100 commands, found 101");
    assertThat(described(withJob("  unit: {stage: test, script: {a: b}}\n")))
        .containsExactly(
            "5:31 jobs.unit.script: script must be a list or a single value, found a map");
  }

  @Test
  void aRunnerIsARunnerCode() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], runner: Local_1}\n")))
        .containsExactly(
            "5:44 jobs.unit.runner: \"Local_1\" is not a runner code: use 1 to 32 lower-case"
                + " letters, digits or '-', starting with a letter");
  }

  @Test
  void aKindIsTestBuildOrBoot() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], kind: deploy}\n")))
        .containsExactly(
            "5:42 jobs.unit.kind: unknown kind \"deploy\"; allowed: test, build, boot");
  }

  @Test
  void anImageIsText() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], image: [a]}\n")))
        .containsExactly("5:43 jobs.unit.image: image must be text, found a list");
    assertThat(described(withJob("  unit: {stage: test, script: [x], image: }\n")))
        .containsExactly("5:42 jobs.unit.image: image must be text, found an empty value");
  }

  @Test
  void needsNamingAMissingJobIsReported() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], needs: [compil]}\n")))
        .containsExactly(
            "5:44 jobs.unit.needs[0]: needs \"compil\", which is not a job of this pipeline");
  }

  @Test
  void needsNamingAJobOfALaterStageIsReported() {
    assertThat(
            described(
                withJob(
                    "  unit: {stage: test, script: [x]}\n  pack: {stage: build, script: [x], needs: unit}\n")))
        .containsExactly(
            "6:44 jobs.pack.needs: needs \"unit\" of the later stage \"test\"; a job may need only"
                + " jobs of its own or an earlier stage");
  }

  @Test
  void needsOfTheSameStageAreAllowed() {
    assertThat(
            PipelineFiles.parse(withJob("  pack: {stage: build, script: [x], needs: [compile]}\n"))
                .jobs()
                .get("pack")
                .needs())
        .containsExactly("compile");
  }

  @Test
  void aJobCannotNeedItself() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], needs: [compile, unit]}\n")))
        .containsExactly("5:53 jobs.unit.needs[1]: a job cannot need itself");
  }

  @Test
  void aNeedListedTwiceIsReported() {
    assertThat(
            described(withJob("  unit: {stage: test, script: [x], needs: [compile, compile]}\n")))
        .containsExactly(
            "5:53 jobs.unit.needs[1]: \"compile\" is listed twice in needs (first at 5:44)");
  }

  @Test
  void linksNamingAMissingJobAreReported() {
    assertThat(
            described(
                withJob(
                    "  unit: {stage: test, script: [x], on_success: deploy, on_failure: [fix]}\n")))
        .containsExactly(
            "5:48 jobs.unit.on_success: on_success names \"deploy\", which is not a job of this"
                + " pipeline",
            "5:69 jobs.unit.on_failure[0]: on_failure names \"fix\", which is not a job of this"
                + " pipeline");
  }

  @Test
  void aJobCannotLinkToItself() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], on_failure: unit}\n")))
        .containsExactly("5:48 jobs.unit.on_failure: a job cannot link to itself");
  }

  @Test
  void aLinkBackToAnEarlierStageFromAJobWithoutNeedsIsReported() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], on_failure: compile}\n")))
        .singleElement()
        .asString()
        .startsWith(
            "5:48 jobs.unit.on_failure: on_failure names \"compile\" of the earlier stage"
                + " \"build\", but this job has no needs");
    assertThat(
            PipelineFiles.parse(
                    withJob("  unit: {stage: test, script: [x], needs: [], on_failure: compile}\n"))
                .jobs()
                .get("unit")
                .onFailure())
        .containsExactly("compile");
  }

  @Test
  void retryMaxIsZeroToTwo() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], retry: 3}\n")))
        .containsExactly(
            "5:43 jobs.unit.retry: retry (or {max: ..., when: [...]}) must be 0 to 2, found 3");
    assertThat(described(withJob("  unit: {stage: test, script: [x], retry: {max: -1}}\n")))
        .containsExactly("5:49 jobs.unit.retry.max: retry max must be 0 to 2, found -1");
    assertThat(described(withJob("  unit: {stage: test, script: [x], retry: {max: two}}\n")))
        .containsExactly(
            "5:49 jobs.unit.retry.max: retry max must be a whole number 0 to 2, found the text"
                + " \"two\"");
  }

  @Test
  void retryAsAMapGivesMaxAndOnlyMaxAndWhen() {
    assertThat(
            described(
                withJob("  unit: {stage: test, script: [x], retry: {when: always, tries: 2}}\n")))
        .containsExactly(
            "5:43 jobs.unit.retry.max: retry as a map must give max (0 to 2)",
            "5:58 jobs.unit.retry.tries: unknown key \"tries\"; allowed keys: max, when");
  }

  @Test
  void anUnknownFailureClassIsReportedWithTheAllowedOnes() {
    assertThat(
            described(
                withJob(
                    "  unit: {stage: test, script: [x], retry: {max: 1, when: [always, oom]}}\n")))
        .containsExactly(
            "5:67 jobs.unit.retry.when[1]: unknown failure class \"oom\"; allowed: always,"
                + " unknown_failure, script_failure, api_failure, stuck_or_timeout_failure,"
                + " runner_system_failure, runner_unsupported, job_execution_timeout,"
                + " scheduler_failure, data_integrity_failure");
  }

  @Test
  void aTimeoutIsADurationFromOneSecondToADay() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], timeout: 30 minutes}\n")))
        .containsExactly(
            "5:45 jobs.unit.timeout: timeout \"30 minutes\" is not a duration; write it like"
                + " \"90s\", \"30m\", \"1h 30m\" or \"PT30M\"");
    assertThat(described(withJob("  unit: {stage: test, script: [x], timeout: 25h}\n")))
        .containsExactly("5:45 jobs.unit.timeout: timeout must be from 1s to 24h, found 25h");
    assertThat(described(withJob("  unit: {stage: test, script: [x], timeout: 0s}\n")))
        .containsExactly("5:45 jobs.unit.timeout: timeout must be from 1s to 24h, found 0s");
    assertThat(described(withJob("  unit: {stage: test, script: [x], timeout: 30}\n")))
        .containsExactly(
            "5:45 jobs.unit.timeout: timeout must be text, found the number 30 (put it in quotes"
                + " to use it as text)");
  }

  @Test
  void allowFailureIsABooleanOrExitCodes() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], allow_failure: sometimes}\n")))
        .containsExactly(
            "5:51 jobs.unit.allow_failure: allow_failure (or {exit_codes: [...]}) must be true or"
                + " false, found the text \"sometimes\"");
    assertThat(
            described(
                withJob(
                    "  unit: {stage: test, script: [x], allow_failure: {exit_codes: [1, 300]}}\n")))
        .containsExactly(
            "5:68 jobs.unit.allow_failure.exit_codes[1]: an exit code must be 0 to 255, found 300");
    assertThat(
            described(withJob("  unit: {stage: test, script: [x], allow_failure: {codes: 1}}\n")))
        .containsExactly(
            "5:51 jobs.unit.allow_failure.exit_codes: allow_failure as a map must give exit_codes",
            "5:52 jobs.unit.allow_failure.codes: unknown key \"codes\"; allowed keys: exit_codes");
  }

  @Test
  void tagsMapNamesToSingleValues() {
    assertThat(
            described(
                withJob("  unit: {stage: test, script: [x], tags: {suite: [a, b], 'a b': c}}\n")))
        .containsExactly(
            "5:50 jobs.unit.tags.suite: a tag value must be a single value, found a list",
            "5:58 jobs.unit.tags: \"a b\" is not a valid tag name: use 1 to 63 letters, digits,"
                + " '.', '_' or '-', starting with a letter or digit");
    assertThat(described(withJob("  unit: {stage: test, script: [x], tags: [a]}\n")))
        .containsExactly("5:42 jobs.unit.tags: tags must be a map, found a list");
  }

  @Test
  void anInputIsNonBlankText() {
    assertThat(described(withJob("  unit: {stage: test, script: [x], input: ''}\n")))
        .containsExactly("5:43 jobs.unit.input: input must not be blank");
  }

  @Test
  void aPipelineHasAtMostFiveHundredJobs() {
    StringBuilder file = new StringBuilder("pipeline: p\nstages: [b]\njobs:\n");
    for (int i = 0; i <= PipelineParser.MAX_JOBS; i++) {
      file.append("  j").append(i).append(": {stage: b, script: [x]}\n");
    }

    assertThat(described(file.toString()))
        .containsExactly("3:1 jobs: a pipeline may have at most 500 jobs, found 501");
  }

  @Test
  void theFileMustBeAMap() {
    assertThat(described("- pipeline: p\n"))
        .containsExactly(
            "1:1: a pipeline file must be a map with the keys pipeline, stages and jobs, found a"
                + " list");
    assertThat(described("# nothing\n"))
        .containsExactly("1:1: the file is empty; it must give pipeline, stages and jobs");
  }

  @Test
  void untrustedTextInAMessageIsEscapedAndCut() {
    String name = "x\n".repeat(200);
    PipelineProblem problem =
        problems(
                withJob(
                    "  unit: {stage: test, script: [x], kind: \""
                        + name.replace("\n", "\\n")
                        + "\"}\n"))
            .get(0);

    assertThat(problem.message()).doesNotContain("\n").contains("…(320 more)").hasSizeLessThan(250);
  }
}
