package dev.gort.simulators.runner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The results document behind a job's {@code resultsUrl}. */
public record TestResults(String jobId, String experiment, List<TestCase> tests) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TestCase(String name, String status, long durationMs, String message) {}

  public static TestResults passed(String jobId, String experiment) {
    return new TestResults(
        jobId,
        experiment,
        List.of(
            new TestCase("smoke", "passed", 12, null),
            new TestCase("enrollment", "passed", 30, null)));
  }

  public static TestResults failed(String jobId, String experiment) {
    return new TestResults(
        jobId,
        experiment,
        List.of(
            new TestCase("smoke", "passed", 12, null),
            new TestCase(
                "enrollment", "failed", 30, "expected 2 enrolled clients, found 0 (simulated)")));
  }
}
