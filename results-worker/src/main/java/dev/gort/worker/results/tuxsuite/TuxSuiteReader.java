package dev.gort.worker.results.tuxsuite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import dev.gort.worker.results.json.BoundedJson;
import dev.gort.worker.results.json.JsonFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Streams a TuxSuite document into a {@link TuxDocument}: each test entry is read as a small tree,
 * never the whole document, and every test case counts against {@link ParseLimits#maxTestCases()}
 * as it is read.
 */
final class TuxSuiteReader {

  static final String NOT_TUXSUITE = "not TuxSuite results: ";

  /** The arrays a build or test status is read with; other arrays are skipped unread. */
  private static final Set<String> KEPT_ARRAYS = Set.of("kconfig", "tests");

  /**
   * LAVA's actions that are the boot: the login prompt reached ({@code auto-login-action} on
   * devices that log in by themselves). LAVA's other actions (downloads, overlays, starting QEMU)
   * are the harness, not tests of the kernel, and are not test cases.
   */
  private static final Set<String> BOOT_ACTIONS = Set.of("login-action", "auto-login-action");

  /** LAVA numbers test definitions ({@code 0_ltp-smoke}); newer tuxrun strips it, as SQUAD does. */
  private static final Pattern DEFINITION_ORDINAL = Pattern.compile("^[0-9]+_");

  private final JsonParser parser;
  private final ParseLimits limits;
  private int cases;

  TuxSuiteReader(JsonParser parser, ParseLimits limits) {
    this.parser = parser;
    this.limits = limits;
  }

  TuxDocument read() throws IOException, UnprocessableResultsException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new UnprocessableResultsException(
          NOT_TUXSUITE + "the document is not a JSON object", null);
    }
    TuxDocument document = readObject(true);
    BoundedJson.expectEnd(parser, NOT_TUXSUITE);
    return document;
  }

  private TuxDocument readObject(boolean topLevel)
      throws IOException, UnprocessableResultsException {
    TuxDocument document = new TuxDocument();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        if (topLevel && name.equals("status")) {
          document.status = readObject(false);
        } else if (name.equals("results")) {
          document.results = readResults();
        } else {
          document.suites.add(readSuite(name));
        }
      } else if (value == JsonToken.START_ARRAY && !KEPT_ARRAYS.contains(name)) {
        parser.skipChildren();
      } else {
        document.fields.set(name, BoundedJson.readTree(parser));
      }
    }
    return document;
  }

  private TuxDocument.Results readResults() throws IOException, UnprocessableResultsException {
    TuxDocument.Results results = new TuxDocument.Results();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL) {
        String word = value == JsonToken.VALUE_NULL ? null : parser.getText();
        TestCaseResult test = counted(TuxTestOutcomes.fromSummary(name, word, limits));
        results.cases.add(test);
        results.bootFailed |= name.equals("boot") && test.status() == TestStatus.FAILED;
      } else if (value == JsonToken.START_OBJECT) {
        SuiteResults suite = readSuite(name);
        if (!suite.isSuite()) {
          throw new UnprocessableResultsException(
              NOT_TUXSUITE
                  + "the job's results hold "
                  + Untrusted.quote(name)
                  + ", whose "
                  + Untrusted.quote(suite.notATest())
                  + " is not a test with a result",
              null);
        }
        results.suites.add(suite);
        results.cases.addAll(suite.cases());
      } else {
        throw new UnprocessableResultsException(
            NOT_TUXSUITE
                + "the job's result of "
                + Untrusted.quote(name)
                + " is neither a word nor a suite of tests, at "
                + BoundedJson.at(parser),
            null);
      }
    }
    return results;
  }

  private SuiteResults readSuite(String member) throws IOException, UnprocessableResultsException {
    String suite = DEFINITION_ORDINAL.matcher(member).replaceFirst("");
    boolean lava = suite.equals("lava");
    List<TestCaseResult> tests = new ArrayList<>();
    boolean bootFailed = false;
    String jobIncomplete = null;
    String notATest = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        notATest = notATest == null && !lava ? name : notATest;
        continue;
      }
      JsonNode entry = BoundedJson.readTree(parser);
      String result = JsonFields.text(entry, "result");
      if (lava) {
        if (BOOT_ACTIONS.contains(name) && result != null) {
          TestCaseResult boot =
              counted(TuxTestOutcomes.fromEntry(suite, name, result, entry, limits));
          tests.add(boot);
          bootFailed |= boot.status() == TestStatus.FAILED;
        } else if (name.equals("job") && "fail".equals(result)) {
          jobIncomplete = lavaError(entry);
        }
      } else if (result == null) {
        notATest = notATest == null ? name : notATest;
      } else {
        TestCaseResult test =
            counted(TuxTestOutcomes.fromEntry(suite, name, result, entry, limits));
        tests.add(test);
        bootFailed |= suite.equals("boot") && test.status() == TestStatus.FAILED;
      }
    }
    return new SuiteResults(member, tests, bootFailed, jobIncomplete, notATest);
  }

  /** LAVA's {@code error_msg} of a job that did not complete, beside its result or in extra. */
  private static String lavaError(JsonNode job) {
    String message = JsonFields.text(job, "error_msg");
    if (message == null && job.path("extra").isObject()) {
      message = JsonFields.text(job.get("extra"), "error_msg");
    }
    return message == null ? "" : message;
  }

  private TestCaseResult counted(TestCaseResult test) throws UnprocessableResultsException {
    if (++cases > limits.maxTestCases()) {
      throw new UnprocessableResultsException(
          "the TuxSuite results hold more than "
              + limits.maxTestCases()
              + " test cases (stopped at "
              + BoundedJson.at(parser)
              + ")",
          null);
    }
    return test;
  }
}
