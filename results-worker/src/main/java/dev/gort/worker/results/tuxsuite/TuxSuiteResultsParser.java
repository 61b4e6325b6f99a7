package dev.gort.worker.results.tuxsuite;

import static dev.gort.worker.results.tuxsuite.TuxSuiteReader.NOT_TUXSUITE;

import com.fasterxml.jackson.core.JsonParser;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsParser;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.UnprocessableResultsException;
import dev.gort.worker.results.json.BoundedJson;
import dev.gort.worker.results.json.JsonFields;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TuxSuite's JSON. Three documents are accepted, told apart by their keys:
 *
 * <ul>
 *   <li>a <b>build's status</b> ({@code GET /v1/groups/{group}/projects/{project}/builds/{uid}}),
 *       known by {@code build_status}: one {@link dev.gort.worker.results.BuildResult} (see {@link
 *       TuxBuildStatus}) and no test cases; a build that did not pass adds a problem;
 *   <li>a <b>test job's status</b> ({@code …/tests/{uid}}), known by {@code results}: each word of
 *       its summary ({@code "results": {"boot": "pass", "ltp-smoke": "fail"}}) a test case named
 *       after the test, in suite {@code ""}; where {@code results} holds suites of tests instead of
 *       words, their tests, as in results.json;
 *   <li>a test job's <b>results.json</b> (tuxrun's, {@code …/tests/{uid}/results}), nothing but
 *       suites of tests, {@code {"0_ltp-smoke": {"access01": {"result": "pass", …}, …}, …}}: every
 *       test of every suite, the suite named without LAVA's {@code 0_}; of the {@code lava} suite
 *       (LAVA's own actions: downloads, overlays, starting QEMU) only the boot, {@code
 *       login-action}, is a test case, and a {@code job} that failed adds a problem.
 * </ul>
 *
 * <p>A callback payload, {@code {"kind": …, "status": {…}}}, is read as the status it wraps. A
 * status whose {@code state} is not {@code finished} is unprocessable: its results are not there
 * yet. A boot that failed (the summary's {@code boot}, a test of a {@code boot} suite, or LAVA's
 * login) adds the problem "the boot failed on {@code device}", a test job TuxSuite ended neither
 * {@code pass} nor {@code fail} adds one naming its result. Result words: see {@link
 * TuxTestOutcomes}.
 */
public final class TuxSuiteResultsParser implements ResultsParser {

  @Override
  public ResultsFormat format() {
    return ResultsFormat.TUXSUITE;
  }

  @Override
  public ParsedResults parse(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    JsonParser parser = BoundedJson.open(document, limits);
    try (parser) {
      return results(new TuxSuiteReader(parser, limits).read(), true);
    } catch (IOException e) {
      throw BoundedJson.unprocessable(e, parser);
    }
  }

  private static ParsedResults results(TuxDocument document, boolean topLevel)
      throws UnprocessableResultsException {
    String state = JsonFields.text(document.fields, "state");
    if (state != null && !state.equals("finished")) {
      throw new UnprocessableResultsException(
          "the TuxSuite job has not finished: its state is " + Untrusted.quote(state), null);
    }
    if (JsonFields.present(document.fields, "build_status")) {
      TuxBuildStatus build = new TuxBuildStatus(document);
      String problem = build.problem();
      return new ParsedResults(
          ResultsFormat.TUXSUITE,
          List.of(),
          List.of(build.build()),
          problem == null ? List.of() : List.of(problem));
    }
    if (topLevel && document.status != null && document.fields.has("kind")) {
      return results(document.status, false);
    }
    if (document.results != null) {
      return testJob(document);
    }
    if (document.fields.isEmpty() && document.status == null && !document.suites.isEmpty()) {
      return resultsJson(document.suites);
    }
    throw new UnprocessableResultsException(
        NOT_TUXSUITE
            + "the document has no build_status (a build's status), no results (a test job's"
            + " status) and no suites of tests (a results.json)",
        null);
  }

  private static ParsedResults testJob(TuxDocument document) {
    TuxDocument.Results results = document.results;
    List<String> problems = new ArrayList<>();
    boolean bootFailed = results.bootFailed;
    for (SuiteResults suite : results.suites) {
      bootFailed |= suite.bootFailed();
    }
    if (bootFailed) {
      problems.add(bootFailure(JsonFields.text(document.fields, "device")));
    }
    problems.addAll(lavaProblems(results.suites));
    String result = JsonFields.text(document.fields, "result");
    if (result != null && !result.equals("pass") && !result.equals("fail")) {
      String message = JsonFields.text(document.fields, "status_message");
      problems.add(
          "TuxSuite ended the test job with the result "
              + Untrusted.quote(result)
              + (message == null ? "" : " (" + Untrusted.quote(message) + ")"));
    }
    if (results.cases.isEmpty()) {
      problems.add("TuxSuite reported no test results for the job");
    }
    return new ParsedResults(ResultsFormat.TUXSUITE, results.cases, List.of(), problems);
  }

  private static ParsedResults resultsJson(List<SuiteResults> suites)
      throws UnprocessableResultsException {
    List<TestCaseResult> cases = new ArrayList<>();
    boolean bootFailed = false;
    for (SuiteResults suite : suites) {
      if (!suite.isSuite()) {
        throw new UnprocessableResultsException(
            NOT_TUXSUITE
                + Untrusted.quote(suite.name())
                + " holds "
                + Untrusted.quote(suite.notATest())
                + ", which is not a test with a result",
            null);
      }
      cases.addAll(suite.cases());
      bootFailed |= suite.bootFailed();
    }
    List<String> problems = new ArrayList<>();
    if (bootFailed) {
      problems.add(bootFailure(null));
    }
    problems.addAll(lavaProblems(suites));
    return new ParsedResults(ResultsFormat.TUXSUITE, cases, List.of(), problems);
  }

  private static String bootFailure(String device) {
    return "the boot failed" + (device == null ? "" : " on " + Untrusted.quote(device));
  }

  private static List<String> lavaProblems(List<SuiteResults> suites) {
    List<String> problems = new ArrayList<>();
    for (SuiteResults suite : suites) {
      if (suite.jobIncomplete() != null) {
        problems.add(
            "the LAVA job did not complete"
                + (suite.jobIncomplete().isEmpty()
                    ? ""
                    : ": " + Untrusted.quote(suite.jobIncomplete())));
      }
    }
    return problems;
  }
}
