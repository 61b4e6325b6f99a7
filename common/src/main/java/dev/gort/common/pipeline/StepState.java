package dev.gort.common.pipeline;

import java.util.Locale;

/**
 * The states of one step (a pipeline job), seed 001's list. A step starts {@code READY}; starting
 * the run moves it to {@code WAITING} (for what it needs), then {@code RUNNING} once dispatched.
 */
public enum StepState {
  READY,
  WAITING,
  RUNNING,
  MARKED_TO_PAUSE,
  PAUSED,
  PAUSED_DUE_TO_FAILURE,
  INTERRUPTED,
  WAITING_FOR_INPUT,
  MARKED_TO_SKIP,
  SKIPPED,
  SUCCEEDED,
  FAILED;

  /** The name the API uses, e.g. {@code marked-to-pause}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
