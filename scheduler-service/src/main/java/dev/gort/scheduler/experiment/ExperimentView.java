package dev.gort.scheduler.experiment;

import java.time.Instant;

/**
 * An experiment as {@code GET /api/v1/experiments} shows it: what the last poll saw of it (null for
 * an experiment only known from a triggered run), its test configuration's runner and kind (null
 * when none is stored), whether a run of it (a test run or a pipeline run) is unfinished ({@code
 * RUNNING}) or not ({@code IDLE}), its latest run and the outcome of its latest finished run.
 */
public record ExperimentView(
    String slug,
    String name,
    String owner,
    String revision,
    Boolean readyForTest,
    String state,
    Instant lastSeenDateTime,
    LastRun lastRun,
    String lastOutcome,
    TestConfigSummary testConfig) {

  public static final String IDLE = "IDLE";
  public static final String RUNNING = "RUNNING";

  /**
   * The runner and kind of the experiment's stored test configuration; null when none is stored
   * (the default runner and {@code test}).
   */
  public record TestConfigSummary(String runner, String kind) {}

  /** The experiment's most recent run, finished or not. */
  public record LastRun(
      String id,
      String revision,
      String state,
      String outcome,
      String operationId,
      Instant createdDateTime,
      Instant lastActionDateTime) {}
}
