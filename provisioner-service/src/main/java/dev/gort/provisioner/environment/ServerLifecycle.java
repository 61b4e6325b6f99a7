package dev.gort.provisioner.environment;

import dev.gort.common.statemachine.StateMachine;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A Nova server's states as seed 004 draws them (BUILD → ACTIVE ⇄ SHUTOFF, ACTIVE → DELETED, BUILD
 * → ERROR). Gort watches a server it launched; each status seen is checked against this machine.
 */
public final class ServerLifecycle {

  /** Nova's server statuses that the seed names. */
  public enum Status {
    BUILD,
    ACTIVE,
    SHUTOFF,
    DELETED,
    ERROR;

    public static Optional<Status> of(String raw) {
      if (raw == null) {
        return Optional.empty();
      }
      String upper = raw.trim().toUpperCase(Locale.ROOT);
      return Arrays.stream(values()).filter(s -> s.name().equals(upper)).findFirst();
    }
  }

  /** What happened to the server between two looks. */
  public enum Change {
    PROVISIONED,
    SHUT_DOWN,
    REBOOTED,
    DELETED,
    FAILED
  }

  public static final StateMachine<Status, Change, Void> MACHINE =
      StateMachine.<Status, Change, Void>builder(Status.class)
          .finalStates(Status.DELETED, Status.ERROR)
          .permit(Status.BUILD, Change.PROVISIONED, Status.ACTIVE)
          .permit(Status.ACTIVE, Change.SHUT_DOWN, Status.SHUTOFF)
          .permit(Status.SHUTOFF, Change.REBOOTED, Status.ACTIVE)
          .permit(Status.ACTIVE, Change.DELETED, Status.DELETED)
          .permit(Status.SHUTOFF, Change.DELETED, Status.DELETED)
          .permit(Status.BUILD, Change.FAILED, Status.ERROR)
          .permit(Status.ACTIVE, Change.FAILED, Status.ERROR)
          .build();

  private ServerLifecycle() {}

  /** Whether a server seen in {@code before} may be seen in {@code after} at the next look. */
  public static boolean mayFollow(Status before, Status after) {
    return Reachability.reachable(MACHINE, Change.values(), before, after);
  }
}
