package dev.gort.gateway.runner.sim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gort.common.event.RunnerStatus;
import java.util.Map;
import java.util.Optional;

/** The callback body of Gort's generic runners ({@code sim}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimCallback(
    String jobId, String runId, Integer attempt, String status, String resultsUrl) {

  private static final Map<String, RunnerStatus> STATUSES =
      Map.of(
          "passed", RunnerStatus.PASSED,
          "failed", RunnerStatus.FAILED,
          "timeout", RunnerStatus.TIMEOUT,
          "infra-failure", RunnerStatus.INFRA_FAILURE,
          "cancelled", RunnerStatus.CANCELLED);

  public Optional<RunnerStatus> runnerStatus() {
    return Optional.ofNullable(status).map(STATUSES::get);
  }
}
