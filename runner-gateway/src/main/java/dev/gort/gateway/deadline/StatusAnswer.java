package dev.gort.gateway.deadline;

import dev.gort.gateway.runner.RunnerJobStatus;

/** What a runner answered a status poll ({@code status}), or why it did not ({@code why}). */
public record StatusAnswer(RunnerJobStatus status, String why) {

  public static StatusAnswer of(RunnerJobStatus status) {
    return new StatusAnswer(status, null);
  }

  public static StatusAnswer none(String why) {
    return new StatusAnswer(null, why);
  }

  public boolean answered() {
    return status != null;
  }
}
