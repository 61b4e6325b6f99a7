package dev.gort.common.event;

/** Kafka topic names. Every topic is keyed by run id (or environment id) to keep order per run. */
public final class Topics {

  public static final String RUNS_REQUESTED = "gort.runs.requested";
  public static final String RUNS_CANCEL_REQUESTED = "gort.runs.cancel-requested";
  public static final String RUNS_STATUS = "gort.runs.status";
  public static final String RESULTS_EVALUATED = "gort.results.evaluated";
  public static final String RUNS_FINISHED = "gort.runs.finished";
  public static final String ENVIRONMENTS_REQUESTED = "gort.environments.requested";
  public static final String ENVIRONMENTS_STATUS = "gort.environments.status";

  /** Every shared topic (dead-letter topics aside). */
  public static final java.util.List<String> ALL =
      java.util.List.of(
          RUNS_REQUESTED,
          RUNS_CANCEL_REQUESTED,
          RUNS_STATUS,
          RESULTS_EVALUATED,
          RUNS_FINISHED,
          ENVIRONMENTS_REQUESTED,
          ENVIRONMENTS_STATUS);

  private Topics() {}

  /** The dead-letter topic of one consuming service, e.g. {@code gort.dlq.scheduler-service}. */
  public static String deadLetter(String service) {
    return "gort.dlq." + service;
  }
}
