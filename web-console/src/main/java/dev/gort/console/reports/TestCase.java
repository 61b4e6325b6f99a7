package dev.gort.console.reports;

import java.time.Duration;
import java.util.Locale;

/** {@code GET /api/v1/reports/{id}/tests}: one test case of a report. */
public record TestCase(
    int seq,
    String suite,
    String name,
    String className,
    String status,
    Long durationMs,
    String message,
    boolean flaky,
    String logUrl) {

  /** Null when the document gave no duration. */
  public Duration duration() {
    return durationMs == null ? null : Duration.ofMillis(durationMs);
  }

  /** The status as a state word for {@code {#state}}: PASSED, FAILED, ERROR, SKIPPED, MISSED. */
  public String state() {
    return status == null ? null : status.toUpperCase(Locale.ROOT);
  }

  public boolean failing() {
    String s = state();
    return "FAILED".equals(s) || "ERROR".equals(s) || "MISSED".equals(s);
  }

  public boolean passed() {
    return "PASSED".equals(state());
  }

  /** The test's identity across reports: its suite and its name. */
  public String key() {
    return (suite == null ? "" : suite) + "\u0000" + (name == null ? "" : name);
  }
}
