package dev.gort.console.reports;

import java.time.Duration;
import java.time.Instant;

/** A report of the results worker as its lists show it: the verdict and the counts. */
public record ReportSummary(
    String id,
    String run,
    String experiment,
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
    Instant createdDateTime) {

  public ReportSummary {
    counts = counts == null ? new Counts(0, 0, 0, 0, 0, 0, 0) : counts;
  }

  /** Test cases by status. */
  public record Counts(
      int total, int passed, int failed, int errors, int skipped, int missed, int flaky) {}

  public Duration duration() {
    return Duration.ofMillis(durationMs);
  }

  /** Whether it is a report of a single test run (not of a pipeline's job). */
  public boolean ofTestRun() {
    return pipeline == null;
  }
}
