package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.FailureClass;

/**
 * How one attempt of a job ended, as its runner reported it.
 *
 * @param exitCode the script's exit code; null when there was none (the runner failed first)
 * @param failure GitLab's failure class; null on success, and on a failure the runner did not
 *     classify (then {@link #failureClass()} guesses)
 * @param reason a human-readable cause; may be null
 */
public record JobResult(boolean succeeded, Integer exitCode, FailureClass failure, String reason) {

  public static JobResult success() {
    return new JobResult(true, 0, null, null);
  }

  public static JobResult failure(Integer exitCode, FailureClass failure, String reason) {
    return new JobResult(false, exitCode, failure, reason);
  }

  /**
   * The class retry policies look at: the reported one, else a script failure when the script
   * exited, else an unknown failure.
   */
  public FailureClass failureClass() {
    if (failure != null) {
      return failure;
    }
    return exitCode != null ? FailureClass.SCRIPT_FAILURE : FailureClass.UNKNOWN_FAILURE;
  }
}
