package dev.gort.simulators.tuxsuite;

/** An error the simulated TuxSuite answers as TuxSuite does: the status, {@code {"error": …}}. */
public final class TuxSuiteError extends RuntimeException {

  private final int status;

  TuxSuiteError(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
