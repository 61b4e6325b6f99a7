package dev.gort.gateway.runner;

import java.util.Map;

/**
 * A job at a runner, as a cancel or status poll names it: the runner's job id, what kind of job it
 * is and the settings it was dispatched with (a GitHub repository, a TuxSuite project).
 */
public record RunnerJob(String jobId, RunKind kind, Map<String, Object> settings) {

  public RunnerJob {
    settings = settings == null ? Map.of() : settings;
  }

  /**
   * A job as the gateway stored it: its kind as the word stored ({@code test} for a row from before
   * kinds were stored) and its decoded settings.
   */
  public static RunnerJob of(String jobId, String kindWord, Map<String, Object> settings) {
    return new RunnerJob(jobId, RunKind.fromWord(kindWord).orElse(RunKind.TEST), settings);
  }

  /** A setting as text, or null when it is absent. */
  public String setting(String name) {
    Object value = settings.get(name);
    return value == null ? null : value.toString();
  }
}
