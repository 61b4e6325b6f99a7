package dev.gort.provisioner.environment;

/** Where an environment is in its life. */
public enum EnvironmentState {
  /** Asked for; no step has run. */
  REQUESTED,
  /** The ten steps are running. */
  PROVISIONING,
  /** The server is up and reachable; the lease runs until its end. */
  READY,
  /** What Gort created is being removed after a failure or a cancel while provisioning. */
  TEARING_DOWN,
  /**
   * A ready environment's owner deleted it; what Gort created is being removed. Its provisioning
   * operation stays succeeded.
   */
  DELETING,
  /** Deleted by its owner, everything Gort created removed. */
  TORN_DOWN,
  /** A step failed; what Gort created is removed. */
  FAILED,
  /** Cancelled while provisioning; what Gort created is removed. */
  CANCELLED;

  public boolean isFinal() {
    return this == TORN_DOWN || this == FAILED || this == CANCELLED;
  }

  /** Whether the work loop has something to do for an environment in this state. */
  public boolean isWorking() {
    return this == REQUESTED || this == PROVISIONING || isTearingDown();
  }

  public boolean isTearingDown() {
    return this == TEARING_DOWN || this == DELETING;
  }
}
