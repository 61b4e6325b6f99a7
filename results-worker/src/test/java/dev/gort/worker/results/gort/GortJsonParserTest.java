package dev.gort.worker.results.gort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsReader;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GortJsonParserTest {

  private static ParsedResults read(String document) throws UnprocessableResultsException {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    return new ResultsReader().read(() -> new ByteArrayInputStream(bytes), ParseLimits.DEFAULT);
  }

  @Test
  void everyTestIsACaseWithItsStatusDurationAndMessage() throws Exception {
    ParsedResults r =
        read(
            """
            {"tests": [
              {"name": "boots", "status": "passed", "durationMs": 120},
              {"name": "answers", "status": "failed", "message": "expected 42", "extra": 1},
              {"name": "sleeps", "status": "skipped"},
              {"name": "wakes", "status": "error", "durationMs": -5}
            ]}
            """);

    assertThat(r.format()).isEqualTo(ResultsFormat.GORT);
    assertThat(r.cases())
        .extracting(TestCaseResult::name, TestCaseResult::status, TestCaseResult::durationMs)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("boots", TestStatus.PASSED, 120L),
            org.assertj.core.groups.Tuple.tuple("answers", TestStatus.FAILED, null),
            org.assertj.core.groups.Tuple.tuple("sleeps", TestStatus.SKIPPED, null),
            org.assertj.core.groups.Tuple.tuple("wakes", TestStatus.ERROR, null));
    assertThat(r.cases().get(1).message()).isEqualTo("expected 42");
  }

  @Test
  void aLongMessageIsCutAtTheLimit() throws Exception {
    String message = "x".repeat(10_000);
    ParsedResults r =
        read(
            "{\"tests\": [{\"name\": \"a\", \"status\": \"failed\", \"message\": \""
                + message
                + "\"}]}");

    assertThat(r.cases().get(0).message())
        .hasSize(ParseLimits.DEFAULT.maxMessageChars())
        .endsWith("…");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"tests\": [{\"name\": \"a\", \"status\": ",
        "{\"tests\": [{\"name\": \"a\"} x]}"
      })
  void truncatedOrMalformedJsonIsUnprocessable(String document) {
    assertThatThrownBy(() -> read(document))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("results are not JSON");
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
  void aTestWithoutNameOrKnownStatusMakesResultsUnprocessable(String document) {
    assertThatThrownBy(() -> read(document))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageContaining("without name or known status");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    String deep =
        "{\"tests\": [{\"name\": \"a\", \"status\": \"passed\", \"x\": "
            + "[".repeat(100)
            + "]".repeat(100)
            + "}]}";

    assertThatThrownBy(() -> read(deep))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void moreTestsThanTheLimitAreRefused() {
    ParseLimits two = new ParseLimits(2, 100, 100, 64, 1_000, 10);
    byte[] three =
        "{\"tests\": [{\"name\": \"a\", \"status\": \"passed\"}, {\"name\": \"b\", \"status\": \"passed\"}, {\"name\": \"c\", \"status\": \"passed\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> new ResultsReader().read(() -> new ByteArrayInputStream(three), two))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("results list more than 2 tests");
  }
}
