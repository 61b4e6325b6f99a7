package dev.gort.common.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each Gort service is one ITC participant with a fixed, disjoint part of the interval. */
class ParticipantTest {

  @Test
  void eachServiceHasTheIdOfItsForkPath() {
    // derived by hand from split: L keeps split(i)'s first id, R its second
    assertThat(Participant.SCHEDULER_SERVICE.seed().encode()).isEqualTo("(((1,0),0),0)");
    assertThat(Participant.RUNNER_GATEWAY.seed().encode()).isEqualTo("(((0,(1,0)),0),0)");
    assertThat(Participant.RESULTS_WORKER.seed().encode()).isEqualTo("(((0,(0,1)),0),0)");
    assertThat(Participant.NOTIFICATION_SERVICE.seed().encode()).isEqualTo("((0,((1,0),0)),0)");
    assertThat(Participant.PROVISIONER_SERVICE.seed().encode()).isEqualTo("((0,((0,1),0)),0)");
    assertThat(Participant.forkedSeed(Participant.RESERVED_PATH).encode())
        .isEqualTo("((0,(0,1)),0)");
  }

  @Test
  void theServicesAndTheReservedPartAreDisjointAndMakeUpTheWholeInterval() {
    Stamp all = Participant.forkedSeed(Participant.RESERVED_PATH);
    for (Participant p : Participant.values()) {
      all = all.join(p.seed());
    }

    assertThat(all).isEqualTo(Stamp.seed());
  }

  @Test
  void oneEventOfEachServiceIsConcurrentWithEveryOtherServicesEvent() {
    List<Stamp> firsts = new ArrayList<>();
    for (Participant p : Participant.values()) {
      firsts.add(p.seed().event());
    }

    for (int i = 0; i < firsts.size(); i++) {
      for (int j = 0; j < firsts.size(); j++) {
        assertThat(firsts.get(i).compare(firsts.get(j)))
            .isEqualTo(i == j ? Causality.EQUAL : Causality.CONCURRENT);
      }
    }
  }

  @Test
  void aServiceIsFoundByItsApplicationName() {
    assertThat(Participant.named("scheduler-service")).isEqualTo(Participant.SCHEDULER_SERVICE);
    assertThat(Participant.named("runner-gateway")).isEqualTo(Participant.RUNNER_GATEWAY);
    assertThat(Participant.named("results-worker")).isEqualTo(Participant.RESULTS_WORKER);
    assertThat(Participant.named("notification-service"))
        .isEqualTo(Participant.NOTIFICATION_SERVICE);
    assertThat(Participant.named("provisioner-service")).isEqualTo(Participant.PROVISIONER_SERVICE);
  }

  @Test
  void anUnknownApplicationNameIsNoParticipant() {
    assertThatThrownBy(() -> Participant.named("gort-simulators"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gort-simulators' is not an ITC participant")
        .hasMessageContaining("scheduler-service, runner-gateway");
    assertThatThrownBy(() -> Participant.named(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
