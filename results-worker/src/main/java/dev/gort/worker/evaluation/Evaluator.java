package dev.gort.worker.evaluation;

import dev.gort.common.event.Outcome;
import dev.gort.worker.results.BuildResult;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.UnprocessableResultsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges parsed results: FAILED when a test failed, errored or never ran, a build failed, or the
 * document reported a problem of its own (a bail-out, a plan not met, a failed boot); PASSED
 * otherwise. Skipped tests count for nothing. Results without a single test case or build are
 * unprocessable: a runner that ran nothing has not shown that anything passed.
 */
public final class Evaluator {

  /** How many failing tests the failure summary names. */
  static final int FAILURES_LISTED = 20;

  /** How many failing tests the one-line summary names. */
  static final int NAMES_IN_SUMMARY = 5;

  private static final int SUMMARY_CHARS = 500;

  private Evaluator() {}

  public static Evaluation evaluate(ParsedResults results) throws UnprocessableResultsException {
    if (results.cases().isEmpty() && results.builds().isEmpty()) {
      throw new UnprocessableResultsException("results list no tests", null);
    }
    TestCounts counts = TestCounts.of(results.cases());
    List<FailedTest> failures = new ArrayList<>();
    for (TestCaseResult c : results.cases()) {
      if (c.status().failing()) {
        failures.add(FailedTest.of(c));
        if (failures.size() == FAILURES_LISTED) {
          break;
        }
      }
    }
    List<BuildResult> failedBuilds = results.builds().stream().filter(b -> !b.passed()).toList();
    boolean failed =
        counts.failing() > 0 || !failedBuilds.isEmpty() || !results.problems().isEmpty();
    return new Evaluation(
        failed ? Outcome.FAILED : Outcome.PASSED,
        summary(results, counts, failures, failedBuilds),
        results,
        counts,
        failures);
  }

  private static String summary(
      ParsedResults results,
      TestCounts counts,
      List<FailedTest> failures,
      List<BuildResult> failedBuilds) {
    List<String> parts = new ArrayList<>();
    if (counts.total() > 0) {
      parts.add(tests(counts, failures));
    }
    if (!results.builds().isEmpty()) {
      parts.add(
          failedBuilds.isEmpty()
              ? builds(results.builds().size(), "passed")
              : failedBuilds.size() + " of " + builds(results.builds().size(), "failed"));
    }
    parts.addAll(results.problems());
    return ParseLimits.cut(String.join("; ", parts), SUMMARY_CHARS);
  }

  private static String tests(TestCounts counts, List<FailedTest> failures) {
    StringBuilder line = new StringBuilder();
    int total = counts.total();
    if (counts.failing() == 0) {
      line.append(counts.passed()).append(" of ").append(total).append(" tests passed");
    } else {
      line.append(counts.failing()).append(" of ").append(total).append(" tests failed: ");
      List<String> names = failures.stream().limit(NAMES_IN_SUMMARY).map(FailedTest::path).toList();
      line.append(String.join(", ", names));
      if (counts.failing() > names.size()) {
        line.append(" and ").append(counts.failing() - names.size()).append(" more");
      }
    }
    if (counts.skipped() > 0) {
      line.append(", ").append(counts.skipped()).append(" skipped");
    }
    if (counts.flaky() > 0) {
      line.append(", ").append(counts.flaky()).append(" flaky");
    }
    return line.toString();
  }

  private static String builds(int count, String how) {
    return count == 1 ? "1 build " + how : count + " builds " + how;
  }
}
