package dev.gort.scheduler.run;

/** What moves a run from one state to the next. */
public enum RunTrigger {
  /** The gateway handed an attempt to a runner. */
  DISPATCHED,
  /** The runner reported the attempt's result. */
  RUNNER_REPORTED,
  /** The results went to the worker. */
  EVALUATION_STARTED,
  /** The worker's verdict arrived. */
  EVALUATED
}
