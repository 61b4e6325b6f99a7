package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One job of a pipeline run as a step (seed 001): its state and everything the engine remembers
 * about it.
 *
 * <p>Mutable, and changed only by {@link PipelineEngine} (the setters are package-private): the
 * scheduler loads its step rows into steps ({@link #restore}), lets the engine change them and
 * saves them back in the same transaction; the CLI's local mode keeps them in memory. A dry run
 * works on {@link #copy() copies}.
 */
public final class Step {

  private final String job;
  private StepState state;
  private final List<StepAttempt> attempts;
  private boolean allowedFailure;
  private JobResult pendingResult;
  private StepState markedFrom;
  private SkipCause skipCause;
  private String skipReason;
  private final List<StepMessage> messages;

  private Step(
      String job,
      StepState state,
      List<StepAttempt> attempts,
      boolean allowedFailure,
      JobResult pendingResult,
      StepState markedFrom,
      SkipCause skipCause,
      String skipReason,
      List<StepMessage> messages) {
    this.job = Objects.requireNonNull(job, "job");
    this.state = Objects.requireNonNull(state, "state");
    this.attempts = new ArrayList<>(attempts);
    this.allowedFailure = allowedFailure;
    this.pendingResult = pendingResult;
    this.markedFrom = markedFrom;
    this.skipCause = skipCause;
    this.skipReason = skipReason;
    this.messages = new ArrayList<>(messages);
  }

  /** A new step: {@code READY}, no attempts. */
  public static Step ready(String job) {
    return new Step(job, StepState.READY, List.of(), false, null, null, null, null, List.of());
  }

  /** A step as it was saved. */
  public static Step restore(
      String job,
      StepState state,
      List<StepAttempt> attempts,
      boolean allowedFailure,
      JobResult pendingResult,
      StepState markedFrom,
      SkipCause skipCause,
      String skipReason,
      List<StepMessage> messages) {
    return new Step(
        job,
        state,
        attempts,
        allowedFailure,
        pendingResult,
        markedFrom,
        skipCause,
        skipReason,
        messages);
  }

  public Step copy() {
    return restore(
        job,
        state,
        attempts,
        allowedFailure,
        pendingResult,
        markedFrom,
        skipCause,
        skipReason,
        messages);
  }

  /** The step's id: its job's name. */
  public String job() {
    return job;
  }

  public StepState state() {
    return state;
  }

  public List<StepAttempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Ended {@code FAILED} in a way {@code allow_failure} tolerates. */
  public boolean allowedFailure() {
    return allowedFailure;
  }

  /** The result that arrived while the step was marked to pause; null when none is held. */
  public JobResult pendingResult() {
    return pendingResult;
  }

  public boolean hasPendingResult() {
    return pendingResult != null;
  }

  /** The state a {@code MARKED_TO_SKIP} step came from (unskip returns there); null otherwise. */
  public StepState markedFrom() {
    return markedFrom;
  }

  /** Why a {@code SKIPPED} step was skipped; null otherwise. */
  public SkipCause skipCause() {
    return skipCause;
  }

  public String skipReason() {
    return skipReason;
  }

  public List<StepMessage> messages() {
    return List.copyOf(messages);
  }

  /** The number of the latest attempt; 0 before the first dispatch. */
  public int attemptCount() {
    return attempts.size();
  }

  /** The latest attempt, or null before the first dispatch. */
  public StepAttempt lastAttempt() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  /** Whether the latest attempt's job may still be running at its runner. */
  boolean hasOpenAttempt() {
    StepAttempt last = lastAttempt();
    return last != null && !last.hasResult() && !last.interrupted();
  }

  /** A failed attempt and a later successful one (issue 13: reported as flaky). */
  public boolean isFlaky() {
    boolean failed = false;
    for (StepAttempt attempt : attempts) {
      if (attempt.hasResult() && !attempt.result().succeeded()) {
        failed = true;
      } else if (failed && attempt.hasResult() && attempt.result().succeeded()) {
        return true;
      }
    }
    return false;
  }

  /** Succeeded, skipped (for a cause that lets dependents go on), or failed as allowed. */
  boolean settledWell() {
    if (state == StepState.SUCCEEDED) {
      return true;
    }
    if (state == StepState.SKIPPED) {
      return skipCause == null || skipCause.settlesWell();
    }
    return state == StepState.FAILED && allowedFailure;
  }

  boolean settledBadly() {
    return isFinal() && !settledWell();
  }

  boolean isFinal() {
    return StepLifecycle.MACHINE.isFinal(state);
  }

  void moveTo(StepState next) {
    state = next;
  }

  void addAttempt(StepAttempt attempt) {
    attempts.add(attempt);
  }

  void replaceAttempt(StepAttempt attempt) {
    attempts.set(attempt.number() - 1, attempt);
  }

  void allowFailure(boolean allowed) {
    allowedFailure = allowed;
  }

  void holdResult(JobResult result) {
    pendingResult = result;
  }

  void markToSkip(StepState from, String reason) {
    markedFrom = from;
    skipReason = reason;
  }

  /** A step marked to skip before the run started was started: it now waits like the others. */
  void startWhileMarked() {
    markedFrom = StepState.WAITING;
  }

  void unmarkSkip() {
    markedFrom = null;
    skipReason = null;
  }

  void skip(SkipCause cause, String reason) {
    skipCause = cause;
    skipReason = reason;
    markedFrom = null;
    pendingResult = null;
  }

  void receive(StepMessage message) {
    messages.add(message);
  }

  @Override
  public String toString() {
    return job + "[" + state.wireName() + ", attempts=" + attempts.size() + "]";
  }
}
