package dev.gort.worker.results;

/**
 * What became of one test case, whatever format reported it. {@code FAILED} is an assertion that
 * did not hold; {@code ERROR} is the test's own code (or its set-up) breaking; {@code MISSED} is a
 * test that was expected but never ran (a TAP plan not met, a bail-out, KCIDB's {@code MISS}).
 */
public enum TestStatus {
  PASSED,
  FAILED,
  ERROR,
  SKIPPED,
  MISSED;

  /** Whether this status counts against the run (skipped tests do not). */
  public boolean failing() {
    return this == FAILED || this == ERROR || this == MISSED;
  }
}
