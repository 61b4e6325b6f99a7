package dev.gort.console.experiments;

import dev.gort.console.reports.ReportSummary;
import dev.gort.console.reports.TestCase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flaky tests of an experiment, from the reports of its latest runs. The results worker has no
 * query for them: it marks only a test that was rerun within one run ({@code flaky}), so the page
 * reads the test cases of the latest reports and finds the tests that both passed and failed in
 * runs of the same revision: with the code unchanged, the test's verdict changed.
 */
public final class FlakyTests {

  /** How many of the latest reports are read. */
  public static final int REPORTS_READ = 10;

  private FlakyTests() {}

  /** A report's test cases and the revision its run tested. */
  public record ReportTests(ReportSummary report, String revision, List<TestCase> tests) {}

  /**
   * A flaky test: its suite and name, the revision it flip-flopped at, how often it passed and
   * failed there, whether the worker marked it flaky within a run, and its latest failure.
   */
  public record FlakyTest(
      String suite,
      String name,
      String revision,
      int passes,
      int failures,
      boolean markedFlaky,
      String lastMessage,
      String lastFailingReport) {}

  /** {@code latestFirst}: reports, the latest first. */
  public static List<FlakyTest> of(List<ReportTests> latestFirst) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (ReportTests report : latestFirst) {
      if (report.revision() == null) {
        continue;
      }
      for (TestCase t : report.tests()) {
        Tally tally =
            tallies.computeIfAbsent(
                report.revision() + "\u0000" + t.key(),
                k -> new Tally(t.suite(), t.name(), report.revision()));
        if (t.passed()) {
          tally.passes++;
        } else if (t.failing()) {
          tally.failures++;
          if (tally.lastFailingReport == null) {
            tally.lastFailingReport = report.report().id();
            tally.lastMessage = t.message();
          }
        }
        tally.markedFlaky |= t.flaky();
      }
    }
    List<FlakyTest> flaky = new ArrayList<>();
    for (Tally t : tallies.values()) {
      if ((t.passes > 0 && t.failures > 0) || t.markedFlaky) {
        flaky.add(
            new FlakyTest(
                t.suite,
                t.name,
                t.revision,
                t.passes,
                t.failures,
                t.markedFlaky,
                t.lastMessage,
                t.lastFailingReport));
      }
    }
    flaky.sort(
        Comparator.comparingInt(FlakyTest::failures)
            .reversed()
            .thenComparing(f -> f.suite() == null ? "" : f.suite())
            .thenComparing(f -> f.name() == null ? "" : f.name()));
    return flaky;
  }

  private static final class Tally {
    final String suite;
    final String name;
    final String revision;
    int passes;
    int failures;
    boolean markedFlaky;
    String lastMessage;
    String lastFailingReport;

    Tally(String suite, String name, String revision) {
      this.suite = suite;
      this.name = name;
      this.revision = revision;
    }
  }
}
