package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatesTest {

  @Test
  void everyStateHasAClassAnIconAndAWord() {
    assertThat(States.stateClass("PASSED")).isEqualTo("good");
    assertThat(States.stateClass("failed")).isEqualTo("bad");
    assertThat(States.stateClass("INFRA_FAILED")).isEqualTo("bad");
    assertThat(States.stateClass("CANCELLED")).isEqualTo("stopped");
    assertThat(States.stateClass("QUEUED")).isEqualTo("waiting");
    assertThat(States.stateClass("PAUSED")).isEqualTo("held");
    assertThat(States.stateClass("FINISHED")).isEqualTo("done");
    assertThat(States.stateClass("RUNNING")).isEqualTo("active");
    assertThat(States.stateIcon("PASSED")).isNotEqualTo(States.stateIcon("FAILED"));
    assertThat(States.stateText("INFRA_FAILED")).isEqualTo("INFRA FAILED");
    assertThat(States.stateClass(null)).isEqualTo("active");
  }
}
