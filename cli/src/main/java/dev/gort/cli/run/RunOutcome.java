package dev.gort.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.Json;

/** How a finished run ends the command: PASSED is success, any other outcome "the run failed". */
final class RunOutcome {

  static final String PASSED = "PASSED";

  private RunOutcome() {}

  static void requirePassed(JsonNode run) {
    String outcome = Json.text(run, "outcome");
    if (PASSED.equals(outcome)) {
      return;
    }
    String summary = Json.text(run, "summary");
    throw CliFailure.runFailed(
        "run "
            + Json.text(run, "id")
            + " of "
            + Json.text(run, "experiment")
            + " finished "
            + (outcome == null ? "without an outcome" : outcome)
            + (summary == null ? "" : ": " + summary));
  }
}
