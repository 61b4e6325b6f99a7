package dev.gort.localrunner.job;

/** How a job ended, in the words its callback and status poll use. */
public enum Outcome {
  /** Every command exited 0. */
  PASSED("passed"),
  /** A command exited non-zero (the following ones did not run). */
  FAILED("failed"),
  /** The job's timeout passed: its process tree was ended. */
  TIMEOUT("timeout"),
  /**
   * The agent could not run the job (an image without a container engine, a command that cannot
   * start).
   */
  INFRA_FAILURE("infra-failure"),
  /** Cancelled by the gateway (or the agent stopped): its process tree was ended. */
  CANCELLED("cancelled");

  private final String word;

  Outcome(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
