package dev.gort.worker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.event.Outcome;
import dev.gort.worker.results.BuildResult;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  private static TestCaseResult test(String name, TestStatus status) {
    return TestCaseResult.of("", name, status);
  }

  private static ParsedResults results(TestCaseResult... cases) {
    return ParsedResults.of(ResultsFormat.JUNIT, List.of(cases));
  }

  @Test
  void allTestsPassedIsPassed() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            results(
                new TestCaseResult(
                    "", "boots", null, TestStatus.PASSED, 120L, null, null, false, null),
                test("answers", TestStatus.PASSED)));

    assertThat(e.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(e.summary()).isEqualTo("2 of 2 tests passed");
    assertThat(e.counts()).isEqualTo(new TestCounts(2, 2, 0, 0, 0, 0, 0, 120));
    assertThat(e.failures()).isEmpty();
  }

  @Test
  void skippedTestsDoNotFailARunAndAreCounted() throws Exception {
    Evaluation e =
        Evaluator.evaluate(results(test("a", TestStatus.PASSED), test("b", TestStatus.SKIPPED)));

    assertThat(e.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(e.summary()).isEqualTo("1 of 2 tests passed, 1 skipped");
  }

  @Test
  void aFlakyTestPassesAndIsCountedAsFlaky() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            results(
                new TestCaseResult(
                    "s", "a", null, TestStatus.PASSED, null, "first try failed", null, true, null),
                test("b", TestStatus.PASSED)));

    assertThat(e.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(e.counts().flaky()).isEqualTo(1);
    assertThat(e.summary()).isEqualTo("2 of 2 tests passed, 1 flaky");
  }

  @Test
  void aFailedTestFailsTheRunAndIsNamedWithItsMessage() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            results(
                test("boots", TestStatus.PASSED),
                new TestCaseResult(
                    "net",
                    "answers",
                    null,
                    TestStatus.FAILED,
                    null,
                    "expected 42",
                    null,
                    false,
                    null),
                test("sleeps", TestStatus.PASSED)));

    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.summary()).isEqualTo("1 of 3 tests failed: net/answers");
    assertThat(e.failures())
        .containsExactly(new FailedTest("net", "answers", TestStatus.FAILED, "expected 42"));
  }

  @Test
  void errorsAndTestsThatNeverRanFailTheRunToo() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            results(test("boots", TestStatus.ERROR), test("answers", TestStatus.MISSED)));

    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.summary()).isEqualTo("2 of 2 tests failed: boots, answers");
    assertThat(e.counts().errors()).isEqualTo(1);
    assertThat(e.counts().missed()).isEqualTo(1);
  }

  @Test
  void theSummaryNamesTheFirstFailuresAndCountsTheRestAndTheListIsBounded() throws Exception {
    List<TestCaseResult> cases = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      cases.add(
          new TestCaseResult(
              "", "t" + i, null, TestStatus.FAILED, null, "m".repeat(2_000), null, false, null));
    }
    Evaluation e = Evaluator.evaluate(ParsedResults.of(ResultsFormat.JUNIT, cases));

    assertThat(e.summary()).isEqualTo("30 of 30 tests failed: t1, t2, t3, t4, t5 and 25 more");
    assertThat(e.failures()).hasSize(Evaluator.FAILURES_LISTED);
    assertThat(e.failures().get(0).message()).hasSize(FailedTest.MESSAGE_CHARS).endsWith("…");
  }

  @Test
  void aProblemTheDocumentReportedFailsARunWhoseTestsPassed() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            new ParsedResults(
                ResultsFormat.TAP,
                List.of(test("a", TestStatus.PASSED)),
                List.of(),
                List.of("bailed out: database down")));

    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.summary()).isEqualTo("1 of 1 tests passed; bailed out: database down");
  }

  @Test
  void buildsAloneAreJudgedByWhetherTheyPassed() throws Exception {
    BuildResult passed =
        new BuildResult("b1", true, "pass", "x86_64", "gcc-13", 0, 0, null, null, 60_000L);
    BuildResult failed =
        new BuildResult("b2", false, "fail", "arm64", "gcc-13", 3, 2, null, null, null);

    Evaluation ok =
        Evaluator.evaluate(
            new ParsedResults(ResultsFormat.TUXSUITE, List.of(), List.of(passed), List.of()));
    Evaluation bad =
        Evaluator.evaluate(
            new ParsedResults(
                ResultsFormat.TUXSUITE, List.of(), List.of(passed, failed), List.of()));

    assertThat(ok.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(ok.summary()).isEqualTo("1 build passed");
    assertThat(bad.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(bad.summary()).isEqualTo("1 of 2 builds failed");
  }

  @Test
  void resultsWithoutTestsOrBuildsAreUnprocessable() {
    assertThatThrownBy(() -> Evaluator.evaluate(results()))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("results list no tests");
  }
}
