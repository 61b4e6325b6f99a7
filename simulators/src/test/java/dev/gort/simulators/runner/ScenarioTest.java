package dev.gort.simulators.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.web.ProblemException;
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
    assertThat(AttemptBehaviour.fromWord("timeout").orElseThrow().reportedStatus()).isEmpty();
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
