package dev.gort.provisioner.cloud;

import java.util.Locale;

/**
 * Blazar's lease statuses (seed 004, lease state machine): transitional ones change by themselves,
 * stable ones only on request or at the lease's dates; {@link #UNKNOWN} for anything else.
 */
public enum LeaseStatus {
  CREATING(true),
  STARTING(true),
  UPDATING(true),
  TERMINATING(true),
  DELETING(true),
  PENDING(false),
  ACTIVE(false),
  TERMINATED(false),
  ERROR(false),
  UNKNOWN(false);

  private final boolean transitional;

  LeaseStatus(boolean transitional) {
    this.transitional = transitional;
  }

  public boolean transitional() {
    return transitional;
  }

  /** The status Blazar named, {@link #UNKNOWN} for null or a name not listed. */
  public static LeaseStatus of(String name) {
    if (name == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
