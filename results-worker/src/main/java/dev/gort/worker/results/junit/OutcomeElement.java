package dev.gort.worker.results.junit;

import dev.gort.worker.results.TestStatus;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The children of {@code <testcase>} that say what became of it. The rerun ones are Surefire's
 * ({@code rerunFailingTestsCount}, surefire-test-report-3.0.xsd): {@code flaky*} means the test
 * failed and then passed on a rerun, {@code rerun*} means a rerun failed again after the first
 * {@code <failure>} or {@code <error>}.
 */
enum OutcomeElement {
  FAILURE("failure", Role.FIRST_RUN, TestStatus.FAILED),
  ERROR("error", Role.FIRST_RUN, TestStatus.ERROR),
  SKIPPED("skipped", Role.SKIP, TestStatus.SKIPPED),
  FLAKY_FAILURE("flakyFailure", Role.FLAKY, TestStatus.FAILED),
  FLAKY_ERROR("flakyError", Role.FLAKY, TestStatus.ERROR),
  RERUN_FAILURE("rerunFailure", Role.RERUN, TestStatus.FAILED),
  RERUN_ERROR("rerunError", Role.RERUN, TestStatus.ERROR);

  enum Role {
    FIRST_RUN,
    SKIP,
    FLAKY,
    RERUN
  }

  private final String element;
  final Role role;

  /** What the run this element describes came to. */
  final TestStatus status;

  OutcomeElement(String element, Role role, TestStatus status) {
    this.element = element;
    this.role = role;
    this.status = status;
  }

  private static final Map<String, OutcomeElement> BY_ELEMENT =
      Arrays.stream(values()).collect(Collectors.toMap(e -> e.element, e -> e));

  static Optional<OutcomeElement> named(String localName) {
    return Optional.ofNullable(BY_ELEMENT.get(localName));
  }

  /**
   * Whether the stack trace is in a {@code <stackTrace>} child rather than the element's own text:
   * the rerun elements also carry that run's {@code system-out}, which is not the test's output.
   */
  boolean traceInChild() {
    return role == Role.FLAKY || role == Role.RERUN;
  }
}
