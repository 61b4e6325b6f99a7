package dev.gort.worker.evaluation;

import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;

/** One failing test as the failure summary names it: where, how, and the start of its message. */
public record FailedTest(String suite, String name, TestStatus status, String message) {

  static final int MESSAGE_CHARS = 500;

  static FailedTest of(TestCaseResult c) {
    String message = c.message();
    if (message != null && message.length() > MESSAGE_CHARS) {
      message = message.substring(0, MESSAGE_CHARS - 1) + "…";
    }
    return new FailedTest(c.suite(), c.name(), c.status(), message);
  }

  /** {@code suite/name}, or the name alone outside any suite. */
  public String path() {
    return suite == null || suite.isEmpty() ? name : suite + "/" + name;
  }
}
