package dev.gort.scheduler.run;

/** What moves a run from one state to the next. */
public enum RunTrigger {
  /** The gateway handed attempt 1 to a runner. */
  DISPATCHED,
  /** The gateway handed a retry attempt to a runner. */
  REDISPATCHED,
  /** The attempt is overdue and its runner does not answer status polls. */
  UNRESPONSIVE,
  /** The runner reported the attempt's result. */
  RUNNER_REPORTED,
  /** The attempt passed its deadline, or the runner reported a timeout. */
  TIMED_OUT,
  /** The gateway queued another attempt after a timeout. */
  RETRIED,
  /** The results went to the worker. */
  EVALUATION_STARTED,
  /** The worker's verdict arrived. */
  EVALUATED,
  /** The owner cancelled the run, or the gateway stopped it. */
  CANCELLED,
  /**
   * The run made no progress for longer than its state allows: the event it waits for is asked for
   * again (the state stays).
   */
  NUDGED,
  /** The run made no progress after every nudge: it ends as an infrastructure failure. */
  STALLED
}
