package dev.gort.notifier.notification;

import dev.gort.common.event.RunEvents.RunFinished;

/** What an owner reads about a finished run. */
final class NotificationMessages {

  private NotificationMessages() {}

  static String subject(RunFinished f) {
    return "[Gort] " + f.experiment() + ": " + headline(f);
  }

  static String body(RunFinished f, String schedulerUrl) {
    return String.join(
        "\n",
        "Test run " + f.runId() + " of experiment " + f.experiment() + " has finished.",
        "",
        "Outcome:  " + f.outcome() + " (" + headline(f) + ")",
        "Revision: " + f.revision(),
        "Requested by: " + (f.requestedBy() == null ? "-" : f.requestedBy()),
        "Attempts: " + f.attempts(),
        "Summary:  " + (f.summary() == null ? "-" : f.summary()),
        halt(f),
        "",
        "Details: " + schedulerUrl + "/api/v1/test-runs/" + f.runId(),
        "");
  }

  /**
   * For a cancelled run: whether its runner confirmed halting the job (an empty line otherwise).
   */
  static String halt(RunFinished f) {
    if (f.halt() == null) {
      return "";
    }
    String said = f.haltDetail() == null ? "" : " (" + f.haltDetail() + ")";
    String line =
        switch (f.halt()) {
          case CONFIRMED -> "the runner confirmed it halted the job";
          case ASKING -> "Gort is still asking the runner to halt the job";
          case NOT_NEEDED -> "no job was running at the runner";
          case GAVE_UP -> "Gort gave up asking the runner to halt the job; it may still be running";
          case UNKNOWN -> "not known whether the runner started a job; any it did is halted";
        };
    return "Halt:     " + line + said;
  }

  private static String headline(RunFinished f) {
    return switch (f.outcome()) {
      case PASSED -> "tests passed";
      case FAILED -> "tests failed";
      case TIMED_OUT -> "test run timed out";
      case CANCELLED -> "test run cancelled";
      case INFRA_FAILED -> "infrastructure failure";
    };
  }
}
