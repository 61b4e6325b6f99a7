package dev.gort.worker.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.Outcome;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Judges a results document {@code {"tests": [{"name", "status", ...}]}}: PASSED when there is at
 * least one test and none failed, FAILED otherwise. Anything else is unprocessable.
 */
public final class Evaluator {

  private static final Set<String> STATUSES = Set.of("passed", "failed", "skipped", "error");
  private static final ObjectMapper JSON = new ObjectMapper();

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResultsDocument(List<TestResult> tests) {}

  private Evaluator() {}

  public static Evaluation evaluate(String document) throws UnprocessableResultsException {
    ResultsDocument results;
    try {
      results = JSON.readValue(document, ResultsDocument.class);
    } catch (JsonProcessingException e) {
      throw new UnprocessableResultsException("results are not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UnprocessableResultsException("results cannot be read: " + e.getMessage(), e);
    }
    if (results == null || results.tests() == null || results.tests().isEmpty()) {
      throw new UnprocessableResultsException("results list no tests", null);
    }
    for (TestResult t : results.tests()) {
      // the null checks first: Set.of(...).contains(null) throws instead of answering false
      if (t == null || t.name() == null || t.status() == null || !STATUSES.contains(t.status())) {
        throw new UnprocessableResultsException(
            "a test without name or known status: "
                + (t == null || t.name() == null ? "(no name)" : Untrusted.quote(t.name())),
            null);
      }
    }
    List<TestResult> failed = results.tests().stream().filter(t -> !t.passed()).toList();
    int total = results.tests().size();
    if (failed.isEmpty()) {
      return new Evaluation(
          Outcome.PASSED, total + " of " + total + " tests passed", results.tests());
    }
    String names = String.join(", ", failed.stream().map(TestResult::name).toList());
    return new Evaluation(
        Outcome.FAILED,
        failed.size() + " of " + total + " tests failed: " + names,
        results.tests());
  }
}
