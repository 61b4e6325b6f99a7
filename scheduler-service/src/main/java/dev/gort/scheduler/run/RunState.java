package dev.gort.scheduler.run;

/** The states of a test run (seed 000 state diagram). */
public enum RunState {
  QUEUED,
  RUNNING,
  COMPLETED,
  EVALUATING,
  FINISHED
}
