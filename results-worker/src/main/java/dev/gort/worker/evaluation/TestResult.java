package dev.gort.worker.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One test of a run, as the runner's results document lists it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TestResult(String name, String status, Long durationMs, String message) {

  public boolean passed() {
    return "passed".equals(status) || "skipped".equals(status);
  }
}
