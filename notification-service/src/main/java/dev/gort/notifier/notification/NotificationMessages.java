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
        "",
        "Details: " + schedulerUrl + "/api/v1/test-runs/" + f.runId(),
        "");
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
