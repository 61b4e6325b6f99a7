package dev.gort.scheduler.stall;

import dev.gort.scheduler.run.RunState;
import java.time.Duration;
import java.time.Instant;

/**
 * When a run has stalled, and what to do about it: a plain function of the run's state, its last
 * action, its attempt's deadline, the nudges it had and {@code now}. A run stalls when it made no
 * progress for longer than its state allows; it is nudged (the event it waits for asked for again)
 * up to {@code maxNudges} times, then given up.
 */
public record StallPolicy(
    Duration queued,
    Duration runningAfterDeadline,
    Duration evaluating,
    Duration notification,
    int maxNudges) {

  public static StallPolicy of(StallConfig config) {
    return new StallPolicy(
        config.queued(),
        config.runningAfterDeadline(),
        config.evaluating(),
        config.notification(),
        config.maxNudges());
  }

  /** What to do about a run. */
  public enum Action {
    /** It is within its state's allowance. */
    WAIT,
    /** Ask again for the event it waits for. */
    NUDGE,
    /** It had every nudge and still made no progress. */
    GIVE_UP
  }

  /**
   * What to do about a run in {@code state} (for a finished run: one whose notification is not
   * confirmed), last changed at {@code lastAction}, whose attempt is due at {@code deadline} (null
   * when unknown), nudged {@code nudges} times since its last progress.
   */
  public Action decide(
      RunState state, Instant lastAction, Instant deadline, int nudges, Instant now) {
    if (now.isBefore(stalledAt(state, lastAction, deadline))) {
      return Action.WAIT;
    }
    return nudges < maxNudges ? Action.NUDGE : Action.GIVE_UP;
  }

  /** From when a run in {@code state} with no progress since {@code lastAction} is stalled. */
  public Instant stalledAt(RunState state, Instant lastAction, Instant deadline) {
    return switch (state) {
      case QUEUED, COMPLETED -> lastAction.plus(queued);
      case RUNNING -> {
        Instant quiet = lastAction.plus(queued);
        Instant overdue = deadline == null ? quiet : deadline.plus(runningAfterDeadline);
        yield quiet.isAfter(overdue) ? quiet : overdue;
      }
      case EVALUATING -> lastAction.plus(evaluating);
      case FINISHED -> lastAction.plus(notification);
    };
  }

  /** What a run in {@code state} waits for, as its history and the log say. */
  public static String waitingFor(RunState state) {
    return switch (state) {
      case QUEUED -> "the gateway to dispatch it (RunDispatched)";
      case RUNNING -> "the gateway's word on its attempt (RunCompleted or RunTimedOut)";
      case COMPLETED -> "the gateway's retry or report (RunRetrying or RunCompleted)";
      case EVALUATING -> "the results worker's verdict (RunEvaluated)";
      case FINISHED -> "the notifier to confirm the owner's notification (NotificationQueued)";
    };
  }
}
