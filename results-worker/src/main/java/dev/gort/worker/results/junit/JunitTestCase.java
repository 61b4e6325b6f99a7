package dev.gort.worker.results.junit;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;

/**
 * One {@code <testcase>} while it is being read. Only the first element of each kind is kept (a
 * test rerun five times keeps its first failure), so a case costs its limits however many reruns
 * the file lists.
 */
final class JunitTestCase {

  private final String suite;
  private final String name;
  private final String className;
  private final Long durationMs;
  private final ParseLimits limits;
  private final BoundedText output;
  private JunitOutcome firstRun;
  private JunitOutcome skip;
  private JunitOutcome flaky;
  private JunitOutcome rerun;

  JunitTestCase(String suite, String name, String className, Long durationMs, ParseLimits limits) {
    this.suite = suite;
    this.name = name;
    this.className = className;
    this.durationMs = durationMs;
    this.limits = limits;
    this.output = new BoundedText(limits.maxOutputChars() + 1);
  }

  /** Where a {@code system-out} or {@code system-err} goes, after what came before it. */
  BoundedText output() {
    output.breakLine();
    return output;
  }

  /** The outcome an element opens, to collect its text into; null when one of its kind is kept. */
  JunitOutcome open(OutcomeElement element, String message) {
    if (kept(element.role) != null) {
      return null;
    }
    JunitOutcome outcome = new JunitOutcome(element, message, limits.maxMessageChars());
    switch (element.role) {
      case FIRST_RUN -> firstRun = outcome;
      case SKIP -> skip = outcome;
      case FLAKY -> flaky = outcome;
      case RERUN -> rerun = outcome;
    }
    return outcome;
  }

  private JunitOutcome kept(OutcomeElement.Role role) {
    return switch (role) {
      case FIRST_RUN -> firstRun;
      case SKIP -> skip;
      case FLAKY -> flaky;
      case RERUN -> rerun;
    };
  }

  TestCaseResult toResult() {
    // a failure wins over a skip; reruns without a first failure are a malformed Surefire report,
    // kept failing; a flaky element alone means the test passed on a rerun
    JunitOutcome decisive = firstRun != null ? firstRun : rerun != null ? rerun : skip;
    TestStatus status = decisive == null ? TestStatus.PASSED : decisive.element.status;
    boolean passedOnRerun = decisive == null && flaky != null;
    JunitOutcome described = passedOnRerun ? flaky : decisive;
    return new TestCaseResult(
        suite,
        name,
        className,
        status,
        durationMs,
        described == null ? null : described.describe(limits.maxMessageChars()),
        output.isBlank() ? null : limits.output(output.toString()),
        passedOnRerun,
        null);
  }
}
