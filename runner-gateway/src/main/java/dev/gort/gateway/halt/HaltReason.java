package dev.gort.gateway.halt;

/** Why a job is halted at its runner. */
public enum HaltReason {
  /** The owner cancelled the run. */
  CANCELLED("cancelled"),
  /** The attempt passed its deadline (or was given up) while the job may still run. */
  DEADLINE("deadline"),
  /** The gateway did not want the job: the attempt already had another, or had ended. */
  UNWANTED("unwanted");

  private final String word;

  HaltReason(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
