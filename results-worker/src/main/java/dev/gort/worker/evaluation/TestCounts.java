package dev.gort.worker.evaluation;

import dev.gort.worker.results.TestCaseResult;
import java.util.List;

/** A run's test cases counted by status, with their total duration (of those that gave one). */
public record TestCounts(
    int total,
    int passed,
    int failed,
    int errors,
    int skipped,
    int missed,
    int flaky,
    long durationMs) {

  public static TestCounts of(List<TestCaseResult> cases) {
    int passed = 0;
    int failed = 0;
    int errors = 0;
    int skipped = 0;
    int missed = 0;
    int flaky = 0;
    long duration = 0;
    for (TestCaseResult c : cases) {
      switch (c.status()) {
        case PASSED -> passed++;
        case FAILED -> failed++;
        case ERROR -> errors++;
        case SKIPPED -> skipped++;
        case MISSED -> missed++;
      }
      if (c.flaky()) {
        flaky++;
      }
      if (c.durationMs() != null) {
        duration += c.durationMs();
      }
    }
    return new TestCounts(cases.size(), passed, failed, errors, skipped, missed, flaky, duration);
  }

  /** Failed, in error or never run: the cases that count against the run. */
  public int failing() {
    return failed + errors + missed;
  }
}
