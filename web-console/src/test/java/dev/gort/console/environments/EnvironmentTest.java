package dev.gort.console.environments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentTest {

  private static Environment in(String state) {
    return new Environment(
        "e1", "op1", "alice", "alice", state, null, 0, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void thePageFollowsAnEnvironmentWhileTheProvisionerWorksOnIt() {
    assertThat(in("REQUESTED").working()).isTrue();
    assertThat(in("PROVISIONING").working()).isTrue();
    assertThat(in("DELETING").working()).isTrue();
    assertThat(in("READY").working()).isFalse();
    assertThat(in("TORN_DOWN").working()).isFalse();
  }

  @Test
  void teardownIsOfferedUntilOneIsUnderWay() {
    assertThat(in("PROVISIONING").mayTearDown()).isTrue();
    assertThat(in("READY").mayTearDown()).isTrue();
    assertThat(in("TEARING_DOWN").mayTearDown()).isFalse();
    assertThat(in("DELETING").mayTearDown()).isFalse();
    assertThat(in("FAILED").mayTearDown()).isFalse();
  }

  @Test
  void absentListsAreEmpty() {
    Environment env = in("REQUESTED");

    assertThat(env.steps()).isEmpty();
    assertThat(env.decisions()).isEmpty();
    assertThat(env.requirementFacts()).isEmpty();
    assertThat(env.progress().text()).isEqualTo("no steps yet");
  }
}
