package dev.gort.worker.results;

/**
 * One test case as a results document reported it.
 *
 * @param suite the suite path, outermost first, joined with {@code /} (empty when the format has no
 *     suites)
 * @param name the test's name within its suite
 * @param className the class (JUnit {@code classname}), or null
 * @param status what became of it
 * @param durationMs how long it ran, or null when the format does not say
 * @param message the failure, error or skip message (bounded by {@link ParseLimits}), or null
 * @param output what the test printed (bounded by {@link ParseLimits}), or null
 * @param flaky whether it failed at first and passed on a rerun
 * @param logUrl where its log is, or null
 */
public record TestCaseResult(
    String suite,
    String name,
    String className,
    TestStatus status,
    Long durationMs,
    String message,
    String output,
    boolean flaky,
    String logUrl) {

  public static TestCaseResult of(String suite, String name, TestStatus status) {
    return new TestCaseResult(suite, name, null, status, null, null, null, false, null);
  }
}
