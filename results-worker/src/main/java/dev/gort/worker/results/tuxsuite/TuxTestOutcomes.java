package dev.gort.worker.results.tuxsuite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.json.JsonFields;
import java.util.Locale;

/**
 * A TuxSuite (tuxrun, LAVA) result word as a test case: {@code pass} passed, {@code fail} failed,
 * {@code skip} skipped, {@code xfail} (a failure the test expects) passed, and {@code unknown} or
 * any other word an error naming it.
 */
final class TuxTestOutcomes {

  private TuxTestOutcomes() {}

  /**
   * A test as results.json holds it: {@code entry} is its object, whose {@code result} is {@code
   * result}; its {@code log_excerpt} (a string or tuxrun's list of log lines) or {@code message}
   * becomes the message of a test that did not pass, its {@code log_url}, {@code log} or {@code
   * reference} link the log, its {@code duration} (seconds) the duration.
   */
  static TestCaseResult fromEntry(
      String suite, String name, String result, JsonNode entry, ParseLimits limits) {
    String excerpt = excerpt(entry, limits);
    String log = JsonFields.httpLink(entry, "log_url");
    if (log == null) {
      log = JsonFields.httpLink(entry, "log");
    }
    if (log == null) {
      log = JsonFields.httpLink(entry, "reference");
    }
    return testCase(
        suite, name, result, excerpt, JsonFields.secondsAsMillis(entry, "duration"), log, limits);
  }

  /** A test of a job's {@code results} summary ({@code {"boot": "pass"}}): a word, nothing more. */
  static TestCaseResult fromSummary(String name, String result, ParseLimits limits) {
    return testCase("", name, result, null, null, null, limits);
  }

  private static TestCaseResult testCase(
      String suite,
      String name,
      String result,
      String excerpt,
      Long durationMs,
      String logUrl,
      ParseLimits limits) {
    String word = result == null ? "" : result.toLowerCase(Locale.ROOT);
    TestStatus status;
    String message;
    switch (word) {
      case "pass" -> {
        status = TestStatus.PASSED;
        message = null;
      }
      case "xfail" -> {
        status = TestStatus.PASSED;
        message = "expected failure";
      }
      case "fail" -> {
        status = TestStatus.FAILED;
        message = excerpt;
      }
      case "skip" -> {
        status = TestStatus.SKIPPED;
        message = excerpt;
      }
      default -> {
        status = TestStatus.ERROR;
        String named =
            result == null
                ? "TuxSuite reported no result"
                : "TuxSuite reported the result " + Untrusted.quote(result);
        message = limits.message(excerpt == null ? named : named + "\n" + excerpt);
      }
    }
    return new TestCaseResult(suite, name, null, status, durationMs, message, null, false, logUrl);
  }

  private static String excerpt(JsonNode entry, ParseLimits limits) {
    JsonNode excerpt = entry.get("log_excerpt");
    if (excerpt != null && excerpt.isArray()) {
      StringBuilder lines = new StringBuilder();
      for (JsonNode line : excerpt) {
        if (lines.length() > limits.maxMessageChars()) {
          break;
        }
        if (line.isTextual()) {
          lines.append(lines.isEmpty() ? "" : "\n").append(line.asText());
        }
      }
      return lines.isEmpty() ? null : limits.message(lines.toString());
    }
    String text = JsonFields.text(entry, "log_excerpt");
    if (text == null) {
      text = JsonFields.text(entry, "message");
    }
    return text == null || text.isBlank() ? null : limits.message(text);
  }
}
