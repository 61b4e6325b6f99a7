package dev.gort.provisioner.environment;

import dev.gort.common.statemachine.StateMachine;
import dev.gort.provisioner.cloud.LeaseStatus;

/**
 * A Blazar lease's states as seed 004 draws them (CREATING → PENDING → ACTIVE → TERMINATING →
 * TERMINATED, any → ERROR), with Blazar's other transitional states (STARTING, UPDATING, DELETING).
 * Gort does not drive a lease: it watches one, and checks each status it sees against this machine,
 * so a status that could not follow the last one is logged rather than trusted blindly.
 */
public final class LeaseLifecycle {

  /** What happened to the lease between two looks. */
  public enum Change {
    SUBMITTED,
    STARTING,
    ALLOCATED,
    UPDATED,
    END_REACHED,
    RELEASED,
    DELETED,
    FAILED
  }

  public static final StateMachine<LeaseStatus, Change, Void> MACHINE =
      StateMachine.<LeaseStatus, Change, Void>builder(LeaseStatus.class)
          .finalStates(LeaseStatus.TERMINATED, LeaseStatus.ERROR, LeaseStatus.UNKNOWN)
          .permit(LeaseStatus.CREATING, Change.SUBMITTED, LeaseStatus.PENDING)
          .permit(LeaseStatus.PENDING, Change.STARTING, LeaseStatus.STARTING)
          .permit(LeaseStatus.STARTING, Change.ALLOCATED, LeaseStatus.ACTIVE)
          .permit(LeaseStatus.PENDING, Change.ALLOCATED, LeaseStatus.ACTIVE)
          .permit(LeaseStatus.ACTIVE, Change.UPDATED, LeaseStatus.UPDATING)
          .permit(LeaseStatus.UPDATING, Change.ALLOCATED, LeaseStatus.ACTIVE)
          .permit(LeaseStatus.ACTIVE, Change.END_REACHED, LeaseStatus.TERMINATING)
          .permit(LeaseStatus.TERMINATING, Change.RELEASED, LeaseStatus.TERMINATED)
          .permit(LeaseStatus.DELETING, Change.RELEASED, LeaseStatus.TERMINATED)
          .permitFromAnyNonFinal(Change.DELETED, LeaseStatus.DELETING)
          .permitFromAnyNonFinal(Change.FAILED, LeaseStatus.ERROR)
          .build();

  private LeaseLifecycle() {}

  /**
   * Whether a lease seen in {@code before} may be seen in {@code after} at the next look: the same
   * status, or one reachable by the machine's transitions (polls can miss a short-lived status).
   */
  public static boolean mayFollow(LeaseStatus before, LeaseStatus after) {
    return Reachability.reachable(MACHINE, Change.values(), before, after);
  }
}
