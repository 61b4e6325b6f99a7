package dev.gort.common.pipeline.run;

/**
 * How a run was asked to behave.
 *
 * @param maxParallel how many steps may run at once (counting steps marked to pause, whose jobs
 *     still run); 0 for no limit
 * @param pauseOnFailure a failure that is neither retried nor allowed pauses its step ({@code
 *     PAUSED_DUE_TO_FAILURE}) instead of failing it, holding the run open for rerun, resume or skip
 */
public record RunOptions(int maxParallel, boolean pauseOnFailure) {
  public static final RunOptions DEFAULT = new RunOptions(0, false);

  public RunOptions {
    if (maxParallel < 0) {
      throw new IllegalArgumentException("maxParallel must be 0 (no limit) or more");
    }
  }

  boolean hasRoomFor(int running) {
    return maxParallel == 0 || running < maxParallel;
  }
}
