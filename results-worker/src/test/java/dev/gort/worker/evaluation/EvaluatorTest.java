package dev.gort.worker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.event.Outcome;
import dev.gort.worker.results.UnprocessableResultsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluatorTest {

  @Test
  void allTestsPassedIsPassed() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            """
            {"tests": [
              {"name": "boots", "status": "passed", "durationMs": 120},
              {"name": "answers", "status": "passed", "extra": "ignored"}
            ]}
            """);

    assertThat(e.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(e.summary()).isEqualTo("2 of 2 tests passed");
    assertThat(e.tests()).extracting(TestResult::name).containsExactly("boots", "answers");
    assertThat(e.tests().get(0).durationMs()).isEqualTo(120L);
  }

  @Test
  void skippedTestsDoNotFailARun() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            """
            {"tests": [{"name": "a", "status": "passed"}, {"name": "b", "status": "skipped"}]}
            """);

    assertThat(e.outcome()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aFailedTestFailsTheRunAndIsNamed() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            """
            {"tests": [
              {"name": "boots", "status": "passed"},
              {"name": "answers", "status": "failed", "message": "expected 42"},
              {"name": "sleeps", "status": "passed"}
            ]}
            """);

    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.summary()).isEqualTo("1 of 3 tests failed: answers");
    assertThat(e.tests()).hasSize(3);
  }

  @Test
  void testsInErrorFailTheRunAndAreAllNamed() throws Exception {
    Evaluation e =
        Evaluator.evaluate(
            """
            {"tests": [
              {"name": "boots", "status": "error"},
              {"name": "answers", "status": "failed"}
            ]}
            """);

    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.summary()).contains("2 of 2").contains("boots").contains("answers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<<not json>>", "", "{\"tests\": [", "[1, 2]", "\"tests\""})
  void resultsThatAreNotTheResultsJsonAreUnprocessable(String document) {
    assertThatThrownBy(() -> Evaluator.evaluate(document))
        .isInstanceOf(UnprocessableResultsException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"tests\": []}", "{\"tests\": null}", "null"})
  void resultsWithoutTestsAreUnprocessable(String document) {
    assertThatThrownBy(() -> Evaluator.evaluate(document))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageContaining("no tests");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"tests\": [{\"name\": \"a\", \"status\": \"exploded\"}]}",
        "{\"tests\": [{\"name\": \"a\", \"status\": \"PASSED\"}]}",
        "{\"tests\": [{\"name\": \"a\"}]}",
        "{\"tests\": [{\"status\": \"passed\"}]}",
        "{\"tests\": [{\"name\": \"a\", \"status\": \"passed\"}, null]}"
      })
  void testWithoutNameOrKnownStatusMakesResultsUnprocessable(String document) {
    assertThatThrownBy(() -> Evaluator.evaluate(document))
        .isInstanceOf(UnprocessableResultsException.class);
  }
}
