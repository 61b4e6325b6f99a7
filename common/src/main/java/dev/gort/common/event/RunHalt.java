package dev.gort.common.event;

/**
 * What became of halting a cancelled run's job at its runner, as the run, its {@code RunCancelled}
 * and its {@code RunFinished} say it.
 */
public enum RunHalt {
  /** The cancel was taken; the gateway is still asking the runner to halt the job. */
  ASKING,
  /** The runner confirmed: the job was halted, or it had already ended or was unknown to it. */
  CONFIRMED,
  /** No job needed halting: none was dispatched yet, or the attempt had already ended. */
  NOT_NEEDED,
  /** The runner could not be reached for every try; the gateway gave up asking. */
  GAVE_UP,
  /** A hand-over was under way and its end is not known: the runner may hold a job. */
  UNKNOWN;

  /** The word in the API and in mail: {@code confirmed}, {@code gave-up}, … */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
