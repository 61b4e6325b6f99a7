package dev.gort.worker.results.kcidb;

import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import dev.gort.worker.results.json.JsonFields;
import java.util.regex.Pattern;

/**
 * A KCIDB v5 test as a test case.
 *
 * <p>Its dot-separated {@code path} names it: {@code kselftest.net.tls.tls_sendfile} is the case
 * {@code tls_sendfile} of the suite {@code kselftest/net/tls}; a path of one name ({@code boot}) is
 * a case in suite {@code ""}; a test without a path, or with the empty path (KCIDB's "summary of
 * all tests of a build") is named by its {@code id}.
 *
 * <p>Its {@code status}: {@code FAIL} failed, {@code ERROR} an error, {@code MISS} missed, {@code
 * PASS} passed, {@code DONE} (it ran, but gives no verdict, e.g. a benchmark) passed with the
 * message "done, no verdict", {@code SKIP} skipped. A test without a status is missed, "no status
 * reported": KCIDB gives a missing field no meaning beyond "not known", and an outcome not known
 * must not count as a pass. The message of a test that did not pass is its {@code log_excerpt},
 * else its {@code comment}. The {@code duration} is in seconds; {@code start_time} is not read.
 */
final class KcidbTestCases {

  /** The schema's test path (kcidb_io/schema/v05_00.py, {@code test_path_re}). */
  private static final Pattern PATH = Pattern.compile("([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?");

  private KcidbTestCases() {}

  static TestCaseResult testCase(KcidbRecord test, ParseLimits limits)
      throws UnprocessableResultsException {
    String id = test.id();
    test.origin();
    test.requiredId("build_id");
    String path = test.text("path");
    if (path != null && !PATH.matcher(path).matches()) {
      throw test.unprocessable(
          "has the path " + Untrusted.quote(path) + ", which is not names separated by dots");
    }
    String status = test.status();
    Double duration = test.number("duration");
    String excerpt = test.text("log_excerpt");
    String explained = excerpt != null && !excerpt.isBlank() ? excerpt : test.text("comment");

    String suite = "";
    String name = id;
    if (path != null && !path.isEmpty()) {
      int last = path.lastIndexOf('.');
      suite = last < 0 ? "" : path.substring(0, last).replace('.', '/');
      name = path.substring(last + 1);
    }
    TestStatus outcome;
    String message;
    if (status == null) {
      outcome = TestStatus.MISSED;
      message = "no status reported";
    } else {
      outcome =
          switch (status) {
            case "FAIL" -> TestStatus.FAILED;
            case "ERROR" -> TestStatus.ERROR;
            case "MISS" -> TestStatus.MISSED;
            case "SKIP" -> TestStatus.SKIPPED;
            default -> TestStatus.PASSED;
          };
      message =
          switch (status) {
            case "PASS" -> null;
            case "DONE" -> "done, no verdict";
            default -> explained;
          };
    }
    return new TestCaseResult(
        suite,
        name,
        null,
        outcome,
        duration == null ? null : JsonFields.secondsAsMillis(duration),
        limits.message(message),
        null,
        false,
        JsonFields.httpLink(test.text("log_url")));
  }
}
