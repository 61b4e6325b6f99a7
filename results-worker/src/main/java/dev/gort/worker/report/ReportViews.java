package dev.gort.worker.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** What the reports API answers. */
public final class ReportViews {

  private ReportViews() {}

  /** The summary of a stored report. */
  public static Summary summary(Report r) {
    return new Summary(
        r.id,
        r.runId,
        r.experiment,
        r.owner,
        r.pipeline,
        r.stage,
        r.job,
        r.attempt,
        r.runner,
        r.outcome.name(),
        r.summary,
        r.format,
        new Counts(r.total, r.passed, r.failed, r.errors, r.skipped, r.missed, r.flaky),
        r.durationMs,
        r.createdAt);
  }

  /** Test cases by status. */
  public record Counts(
      int total, int passed, int failed, int errors, int skipped, int missed, int flaky) {}

  /** A report in a list: its verdict and counts. */
  public record Summary(
      String id,
      String run,
      String experiment,
      String owner,
      String pipeline,
      String stage,
      String job,
      int attempt,
      String runner,
      String outcome,
      String summary,
      String format,
      Counts counts,
      long durationMs,
      Instant createdDateTime) {}

  /** One suite's test cases by status. */
  public record Suite(
      String name,
      int total,
      int passed,
      int failed,
      int errors,
      int skipped,
      int missed,
      long durationMs) {}

  /** Where to read more of a report. */
  public record Links(String tests, String kcidb, String results) {}

  /**
   * A whole report: the summary, what the document reported beyond its tests (problems, builds),
   * the first failing tests, its suites (the first {@link ReportQueries#SUITES_SHOWN}), and links
   * to its test cases, its KCIDB export and the results document.
   */
  public record Detail(
      Summary report,
      List<String> problems,
      JsonNode builds,
      JsonNode failures,
      List<Suite> suites,
      boolean moreSuites,
      Links links) {}

  /** A test case in a list; its captured output is read one case at a time. */
  public record TestCase(
      int seq,
      String suite,
      String name,
      String className,
      String status,
      Long durationMs,
      String message,
      boolean flaky,
      String logUrl) {}

  /** One test case with what it printed. */
  public record TestCaseDetail(TestCase testCase, String output) {}
}
