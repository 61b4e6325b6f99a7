package dev.gort.gateway.runner.tuxsuite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.RunnerReport;
import java.util.Map;

/**
 * How a finished TuxSuite job's {@code result} maps to Gort's outcomes: {@code pass} passed, {@code
 * fail} failed (both with results), {@code error} an infrastructure failure (TuxSuite could not run
 * it), {@code canceled} cancelled, and {@code unknown} (TuxSuite could not tell how it went: the
 * results are unusable) an infrastructure failure too, as is any result TuxSuite adds later.
 * TuxSuite has no "timed out" result: an {@code error} whose {@code status_message} (or last {@code
 * retries_messages}) says it timed out is a timeout, which Gort retries.
 */
final class TuxSuiteOutcomes {

  private static final Map<String, RunnerStatus> RESULTS =
      Map.of(
          "pass", RunnerStatus.PASSED,
          "fail", RunnerStatus.FAILED,
          "error", RunnerStatus.INFRA_FAILURE,
          "canceled", RunnerStatus.CANCELLED,
          "unknown", RunnerStatus.INFRA_FAILURE);

  private TuxSuiteOutcomes() {}

  private static final java.util.regex.Pattern TIMED_OUT =
      java.util.regex.Pattern.compile(
          "(?i).*\\btime(?:d)?[ -]?out.*", java.util.regex.Pattern.DOTALL);

  static RunnerStatus outcome(String result) {
    return RESULTS.getOrDefault(result, RunnerStatus.INFRA_FAILURE);
  }

  /** The outcome of {@code result}, an {@code error} that says it timed out being a timeout. */
  static RunnerStatus outcome(String result, JsonNode status) {
    if ("error".equals(result) && timedOut(status)) {
      return RunnerStatus.TIMEOUT;
    }
    return outcome(result);
  }

  private static boolean timedOut(JsonNode status) {
    String message = TuxSuiteCallback.text(status, "status_message");
    JsonNode retries = status.get("retries_messages");
    if (message == null && retries != null && retries.isArray() && !retries.isEmpty()) {
      JsonNode last = retries.get(retries.size() - 1);
      message = last.isTextual() ? last.asText() : null;
    }
    return message != null && message.length() <= 2000 && TIMED_OUT.matcher(message).matches();
  }

  /** Whether a job that ended so has results worth fetching. */
  static boolean hasResults(String result) {
    return "pass".equals(result) || "fail".equals(result);
  }

  /**
   * The report of a finished job whose {@code status} object says how it went.
   *
   * @param statusUrl the job's API URL: its results location when it has no {@code download_url}
   * @param suffix appended to the detail, e.g. {@code " (status poll)"}
   */
  static RunnerReport report(
      String uid, RunKind kind, JsonNode status, String statusUrl, String suffix) {
    String result = TuxSuiteCallback.text(status, "result");
    String download = TuxSuiteCallback.text(status, "download_url");
    String results =
        hasResults(result)
            ? (download != null && download.matches("https?://\\S{1,2000}") ? download : statusUrl)
            : null;
    StringBuilder detail = new StringBuilder("result: ").append(Untrusted.escape(result, 40));
    JsonNode duration = status.get("duration");
    if (duration != null && duration.isNumber()) {
      detail.append(", duration ").append(duration.asLong()).append(" s");
    }
    return RunnerReport.finished(uid, kind, outcome(result, status), results, detail + suffix);
  }
}
