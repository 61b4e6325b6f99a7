package dev.gort.worker.results.gort;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsParser;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import dev.gort.worker.results.json.BoundedJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gort's own results document, {@code {"tests": [{"name", "status", "durationMs", "message"}]}}
 * with status {@code passed}, {@code failed}, {@code error} or {@code skipped}: what the {@code
 * sim} runner serves when its scenario carries no results file of its own.
 */
public final class GortJsonParser implements ResultsParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, TestStatus> STATUSES =
      Map.of(
          "passed", TestStatus.PASSED,
          "failed", TestStatus.FAILED,
          "error", TestStatus.ERROR,
          "skipped", TestStatus.SKIPPED);

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Document(List<Test> tests) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Test(String name, String status, Long durationMs, String message) {}

  @Override
  public ResultsFormat format() {
    return ResultsFormat.GORT;
  }

  @Override
  public ParsedResults parse(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    Document results = read(document, limits);
    if (results == null || results.tests() == null) {
      throw new UnprocessableResultsException("results list no tests", null);
    }
    if (results.tests().size() > limits.maxTestCases()) {
      throw new UnprocessableResultsException(
          "results list more than " + limits.maxTestCases() + " tests", null);
    }
    List<TestCaseResult> cases = new ArrayList<>(results.tests().size());
    for (Test t : results.tests()) {
      TestStatus status = t == null || t.status() == null ? null : STATUSES.get(t.status());
      if (t == null || t.name() == null || status == null) {
        throw new UnprocessableResultsException(
            "a test without name or known status: "
                + (t == null || t.name() == null ? "(no name)" : Untrusted.quote(t.name())),
            null);
      }
      Long duration = t.durationMs() == null || t.durationMs() < 0 ? null : t.durationMs();
      cases.add(
          new TestCaseResult(
              "",
              limits.message(t.name()),
              null,
              status,
              duration,
              limits.message(t.message()),
              null,
              false,
              null));
    }
    return ParsedResults.of(ResultsFormat.GORT, cases);
  }

  private static Document read(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    try (JsonParser parser = BoundedJson.open(document, limits)) {
      try {
        return JSON.readValue(parser, Document.class);
      } catch (JsonProcessingException e) {
        throw new UnprocessableResultsException(
            "results are not JSON: " + Untrusted.escape(e.getOriginalMessage(), 200), e);
      }
    } catch (IOException e) {
      throw new UnprocessableResultsException("results cannot be read", e);
    }
  }
}
