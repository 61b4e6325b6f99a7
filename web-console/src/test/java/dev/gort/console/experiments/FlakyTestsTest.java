package dev.gort.console.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.console.experiments.FlakyTests.FlakyTest;
import dev.gort.console.experiments.FlakyTests.ReportTests;
import dev.gort.console.reports.ReportSummary;
import dev.gort.console.reports.TestCase;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlakyTestsTest {

  @Test
  void aTestThatPassedAndFailedAtOneRevisionIsFlaky() {
    List<ReportTests> latestFirst =
        List.of(
            report("rep3", "a", passed("smoke"), failed("enrollment", "found 0")),
            report("rep2", "a", passed("smoke"), passed("enrollment")),
            report("rep1", "a", passed("smoke"), failed("enrollment", "found 1")));

    List<FlakyTest> flaky = FlakyTests.of(latestFirst);

    assertThat(flaky).hasSize(1);
    FlakyTest f = flaky.get(0);
    assertThat(f.name()).isEqualTo("enrollment");
    assertThat(f.revision()).isEqualTo("a");
    assertThat(f.passes()).isEqualTo(1);
    assertThat(f.failures()).isEqualTo(2);
    assertThat(f.lastFailingReport()).isEqualTo("rep3");
    assertThat(f.lastMessage()).isEqualTo("found 0");
  }

  @Test
  void aTestThatFailsOnlyAfterTheRevisionChangedIsNotFlaky() {
    List<ReportTests> latestFirst =
        List.of(
            report("rep2", "b", failed("enrollment", "broken")),
            report("rep1", "a", passed("enrollment")));

    assertThat(FlakyTests.of(latestFirst)).isEmpty();
  }

  @Test
  void aTestTheWorkerMarkedFlakyIsFlakyAndReportsOfUnknownRevisionsAreLeftOut() {
    TestCase rerun = new TestCase(1, "s", "retried", null, "PASSED", 5L, null, true, null);
    List<ReportTests> latestFirst =
        List.of(
            report("rep3", null, failed("enrollment", "x")),
            report("rep2", "a", rerun, passed("enrollment")));

    List<FlakyTest> flaky = FlakyTests.of(latestFirst);

    assertThat(flaky).extracting(FlakyTest::name).containsExactly("retried");
    assertThat(flaky.get(0).markedFlaky()).isTrue();
  }

  @Test
  void testsOfTheSameNameInOtherSuitesAreOtherTests() {
    TestCase inA = new TestCase(1, "suite-a", "t", null, "PASSED", 1L, null, false, null);
    TestCase inB = new TestCase(2, "suite-b", "t", null, "FAILED", 1L, "m", false, null);

    assertThat(FlakyTests.of(List.of(report("rep1", "a", inA), report("rep2", "a", inB))))
        .isEmpty();
  }

  private static ReportTests report(String id, String revision, TestCase... tests) {
    ReportSummary summary =
        new ReportSummary(
            id,
            "run-" + id,
            "exp",
            null,
            null,
            null,
            1,
            "sim",
            "FAILED",
            null,
            "gort",
            null,
            10,
            null);
    return new ReportTests(summary, revision, List.of(tests));
  }

  private static TestCase passed(String name) {
    return new TestCase(1, "sim", name, null, "PASSED", 10L, null, false, null);
  }

  private static TestCase failed(String name, String message) {
    return new TestCase(2, "sim", name, null, "FAILED", 10L, message, false, null);
  }
}
