package dev.gort.provisioner.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.statemachine.IllegalTransitionException;
import dev.gort.provisioner.cloud.LeaseStatus;
import org.junit.jupiter.api.Test;

class EnvironmentLifecycleTest {

  private static final EnvironmentLifecycle.Context NONE = new EnvironmentLifecycle.Context(null);

  @Test
  void aFailureOrACancelWhileProvisioningTearsDownAndEndsWhereItWasStartedFor() {
    assertThat(
            EnvironmentLifecycle.MACHINE.next(
                EnvironmentState.PROVISIONING, EnvironmentTrigger.FAIL, NONE))
        .isEqualTo(EnvironmentState.TEARING_DOWN);
    assertThat(
            EnvironmentLifecycle.teardownEnd(
                EnvironmentState.PROVISIONING, EnvironmentTrigger.CANCEL))
        .isEqualTo(EnvironmentState.CANCELLED);
    assertThat(EnvironmentLifecycle.teardownEnd(EnvironmentState.READY, EnvironmentTrigger.CANCEL))
        .isEqualTo(EnvironmentState.TORN_DOWN);
    assertThat(
            EnvironmentLifecycle.teardownEnd(
                EnvironmentState.PROVISIONING, EnvironmentTrigger.FAIL))
        .isEqualTo(EnvironmentState.FAILED);
    for (EnvironmentState end :
        new EnvironmentState[] {
          EnvironmentState.FAILED, EnvironmentState.CANCELLED, EnvironmentState.TORN_DOWN
        }) {
      assertThat(
              EnvironmentLifecycle.MACHINE.next(
                  EnvironmentState.TEARING_DOWN,
                  EnvironmentTrigger.CLEANED,
                  new EnvironmentLifecycle.Context(end)))
          .isEqualTo(end);
    }
  }

  @Test
  void aFinishedEnvironmentMovesNoMore() {
    for (EnvironmentTrigger trigger : EnvironmentTrigger.values()) {
      assertThat(EnvironmentLifecycle.MACHINE.permits(EnvironmentState.TORN_DOWN, trigger, NONE))
          .isFalse();
    }
    assertThatThrownBy(
            () ->
                EnvironmentLifecycle.MACHINE.next(
                    EnvironmentState.READY, EnvironmentTrigger.PROVISIONED, NONE))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void leaseStatusesFollowTheSeedsMachineAndPollsMayMissAShortOne() {
    assertThat(LeaseLifecycle.mayFollow(LeaseStatus.PENDING, LeaseStatus.ACTIVE)).isTrue();
    assertThat(LeaseLifecycle.mayFollow(LeaseStatus.CREATING, LeaseStatus.ACTIVE)).isTrue();
    assertThat(LeaseLifecycle.mayFollow(LeaseStatus.PENDING, LeaseStatus.ERROR)).isTrue();
    assertThat(LeaseLifecycle.mayFollow(LeaseStatus.ACTIVE, LeaseStatus.TERMINATED)).isTrue();
    assertThat(LeaseLifecycle.mayFollow(LeaseStatus.TERMINATED, LeaseStatus.ACTIVE)).isFalse();
    assertThat(LeaseLifecycle.mayFollow(LeaseStatus.ACTIVE, LeaseStatus.PENDING)).isFalse();
  }

  @Test
  void serverStatusesFollowTheSeedsMachine() {
    assertThat(
            ServerLifecycle.mayFollow(ServerLifecycle.Status.BUILD, ServerLifecycle.Status.ACTIVE))
        .isTrue();
    assertThat(
            ServerLifecycle.mayFollow(ServerLifecycle.Status.BUILD, ServerLifecycle.Status.ERROR))
        .isTrue();
    assertThat(
            ServerLifecycle.mayFollow(
                ServerLifecycle.Status.SHUTOFF, ServerLifecycle.Status.ACTIVE))
        .isTrue();
    assertThat(
            ServerLifecycle.mayFollow(
                ServerLifecycle.Status.DELETED, ServerLifecycle.Status.ACTIVE))
        .isFalse();
    assertThat(
            ServerLifecycle.mayFollow(ServerLifecycle.Status.ACTIVE, ServerLifecycle.Status.BUILD))
        .isFalse();
  }

  @Test
  void everyStateReadsAsTheSeedsOperationStatus() {
    java.util.Map<EnvironmentState, String> expected =
        new java.util.EnumMap<>(EnvironmentState.class);
    expected.put(EnvironmentState.REQUESTED, "notstarted");
    expected.put(EnvironmentState.PROVISIONING, "running");
    expected.put(EnvironmentState.TEARING_DOWN, "running");
    expected.put(EnvironmentState.READY, "succeeded");
    expected.put(EnvironmentState.DELETING, "succeeded");
    expected.put(EnvironmentState.TORN_DOWN, "succeeded");
    expected.put(EnvironmentState.FAILED, "failed");
    expected.put(EnvironmentState.CANCELLED, "cancelled");
    assertThat(expected).containsOnlyKeys(EnvironmentState.values());
    expected.forEach(
        (state, status) ->
            assertThat(EnvironmentViews.operationStatus(state)).as(state.name()).isEqualTo(status));
  }

  @Test
  void progressCountsATenthPerStep() {
    assertThat(Step.CLONE.percentBefore()).isZero();
    assertThat(Step.LEASE.percentBefore()).isEqualTo(50);
    assertThat(Step.SAVE.percentBefore()).isEqualTo(90);
    assertThat(Step.of("floating-ip")).contains(Step.FLOATING_IP);
    assertThat(Step.SAVE.next()).isEmpty();
  }
}
