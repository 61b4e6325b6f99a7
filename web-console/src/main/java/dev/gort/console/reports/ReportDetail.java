package dev.gort.console.reports;

import java.time.Duration;
import java.util.List;

/** {@code GET /api/v1/reports/{id}}: the report, its problems, its suites and its links. */
public record ReportDetail(
    ReportSummary report,
    List<String> problems,
    List<Suite> suites,
    boolean moreSuites,
    Links links) {

  public ReportDetail {
    problems = problems == null ? List.of() : problems;
    suites = suites == null ? List.of() : suites;
  }

  /** One suite's test cases by status. */
  public record Suite(
      String name,
      int total,
      int passed,
      int failed,
      int errors,
      int skipped,
      int missed,
      long durationMs) {

    public Duration duration() {
      return Duration.ofMillis(durationMs);
    }

    /** The suite's verdict as a state word: FAILED when any case failed, erred or went missing. */
    public String state() {
      return failed + errors + missed > 0 ? "FAILED" : passed > 0 ? "PASSED" : "SKIPPED";
    }
  }

  /** Where the results document came from (a URL of the runner's), when the worker kept it. */
  public record Links(String tests, String kcidb, String results) {}
}
