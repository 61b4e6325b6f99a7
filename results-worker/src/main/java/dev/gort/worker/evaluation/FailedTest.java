package dev.gort.worker.evaluation;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;

/** One failing test as the failure summary names it: where, how, and the start of its message. */
public record FailedTest(String suite, String name, TestStatus status, String message) {

  static final int MESSAGE_CHARS = 500;

  static FailedTest of(TestCaseResult c) {
    return new FailedTest(
        c.suite(), c.name(), c.status(), ParseLimits.cut(c.message(), MESSAGE_CHARS));
  }

  /** {@code suite/name}, or the name alone outside any suite. */
  public String path() {
    return suite == null || suite.isEmpty() ? name : suite + "/" + name;
  }
}
