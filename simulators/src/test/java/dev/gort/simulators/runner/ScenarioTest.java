package dev.gort.simulators.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void attemptsAreIndexedFromOneAndTheLastRepeats() {
    Scenario scenario =
        Scenario.parse(new Scenario.Request(List.of("timeout", "fail", "pass"), 5L));

    assertThat(scenario.forAttempt(1)).isEqualTo(AttemptBehaviour.TIMEOUT);
    assertThat(scenario.forAttempt(2)).isEqualTo(AttemptBehaviour.FAIL);
    assertThat(scenario.forAttempt(3)).isEqualTo(AttemptBehaviour.PASS);
    assertThat(scenario.forAttempt(9)).isEqualTo(AttemptBehaviour.PASS);
    assertThat(scenario.delayMs()).isEqualTo(5);
  }

  @Test
  void defaultScenarioPassesAfter200Ms() {
    assertThat(Scenario.DEFAULT.forAttempt(3)).isEqualTo(AttemptBehaviour.PASS);
    assertThat(Scenario.parse(new Scenario.Request(List.of("fail"), null)).delayMs())
        .isEqualTo(200);
  }

  @Test
  void everyScenarioWordReportsItsCallbackStatus() {
    assertThat(AttemptBehaviour.fromWord("report-timeout").orElseThrow().reportedStatus())
        .contains("timeout");
    assertThat(AttemptBehaviour.fromWord("bad-results").orElseThrow().reportedStatus())
        .contains("passed");
    assertThat(AttemptBehaviour.fromWord("infra-failure").orElseThrow().reportedStatus())
        .contains("infra-failure");
    assertThat(AttemptBehaviour.fromWord("cancelled").orElseThrow().reportedStatus())
        .contains("cancelled");
    assertThat(AttemptBehaviour.fromWord("results-late").orElseThrow().reportedStatus())
        .contains("passed");
    assertThat(AttemptBehaviour.fromWord("timeout").orElseThrow().reportedStatus()).isEmpty();
  }

  @Test
  void resultsAreKeptAsUtf8WithTheirFormat() {
    Scenario scenario =
        Scenario.parse(
            new Scenario.Request(
                List.of("pass"), null, new Scenario.ResultsRequest("tap", "ok 1 - caf\u00e9\n")));

    assertThat(scenario.results().format()).isEqualTo(ResultsFormat.TAP);
    assertThat(scenario.results().body())
        .isEqualTo("ok 1 - caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
    assertThat(scenario.view("sim", "x").results()).isEqualTo(new Scenario.ResultsView("tap", 13));
    assertThat(Scenario.parse(new Scenario.Request(List.of("pass"), null)).results()).isNull();
    assertThat(Scenario.DEFAULT.view("sim", "x").results()).isNull();
  }

  @Test
  void invalidResultsNameTheField() {
    assertThatThrownBy(() -> parseResults("junit5", "<testsuite/>"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("results.format")
        .hasMessageContaining("'junit5'");
    assertThatThrownBy(() -> parseResults(null, "<testsuite/>"))
        .hasMessageContaining("results.format is required");
    assertThatThrownBy(() -> parseResults("junit", null))
        .hasMessageContaining("results.body is required");
    assertThatThrownBy(() -> parseResults("junit", "   "))
        .hasMessageContaining("results.body is blank");
    // two bytes of UTF-8 per character: over the bound in bytes with half as many characters
    String oversized = "\u00e9".repeat(Scenario.MAX_RESULTS_BYTES / 2 + 1);
    assertThatThrownBy(() -> parseResults("tap", oversized))
        .hasMessageContaining("results.body has " + (Scenario.MAX_RESULTS_BYTES + 2) + " bytes")
        .hasMessageContaining("8 MiB");
  }

  private static Scenario parseResults(String format, String body) {
    return Scenario.parse(
        new Scenario.Request(List.of("pass"), null, new Scenario.ResultsRequest(format, body)));
  }

  @Test
  void invalidRequestsNameTheBadValue() {
    assertThatThrownBy(() -> Scenario.parse(new Scenario.Request(List.of(), 0L)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("attempts");
    assertThatThrownBy(() -> Scenario.parse(new Scenario.Request(null, 0L)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("attempts");
    assertThatThrownBy(() -> Scenario.parse(new Scenario.Request(List.of("pass", "explode"), 0L)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("'explode'")
        .hasMessageContaining("attempts[1]");
    assertThatThrownBy(() -> Scenario.parse(new Scenario.Request(List.of("pass"), -3L)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("-3");
  }
}
