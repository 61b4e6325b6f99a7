package dev.gort.simulators.runner;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the simulated runner does with one attempt of a job (the scenario words). {@code pass},
 * {@code fail} and {@code results-late} end with results: the scenario's own results document when
 * it carries one, else the runner's built-in Gort JSON.
 */
public enum AttemptBehaviour {
  PASS("pass", "passed"),
  FAIL("fail", "failed"),
  /** Never calls back: Gort's deadline has to notice. */
  TIMEOUT("timeout", null),
  /**
   * Never calls back, and answers neither status polls nor cancels for the job (503): a runner that
   * stopped responding while it had the job.
   */
  UNRESPONSIVE("unresponsive", null),
  REPORT_TIMEOUT("report-timeout", "timeout"),
  INFRA_FAILURE("infra-failure", "infra-failure"),
  /** Reports success, but its results cannot be parsed. */
  BAD_RESULTS("bad-results", "passed"),
  CANCELLED("cancelled", "cancelled"),
  /**
   * Finishes and passes, and the runner's API says so, but its report (callback, webhook) never
   * reaches Gort: the status poll has to recover it.
   */
  LOST_WEBHOOK("lost-webhook", "passed"),
  /**
   * Reports success, but its results URL answers 503 (with {@code Retry-After}) to the first fetch
   * and serves the results from the second on: a processing error that a retry gets over. The
   * GitHub and TuxSuite simulators treat it as {@code pass}.
   */
  RESULTS_LATE("results-late", "passed");

  private final String word;
  private final String reportedStatus;

  AttemptBehaviour(String word, String reportedStatus) {
    this.word = word;
    this.reportedStatus = reportedStatus;
  }

  public String word() {
    return word;
  }

  /**
   * The status the job ends with (what its callback says, where one is sent), or empty when it
   * never ends by itself.
   */
  public Optional<String> reportedStatus() {
    return Optional.ofNullable(reportedStatus);
  }

  /**
   * Whether the job's end is reported to Gort (false for {@code lost-webhook}, and never-ending).
   */
  public boolean sendsReport() {
    return reportedStatus != null && this != LOST_WEBHOOK;
  }

  public static Optional<AttemptBehaviour> fromWord(String word) {
    return Arrays.stream(values()).filter(b -> b.word.equals(word)).findFirst();
  }

  public static String words() {
    return Arrays.stream(values()).map(AttemptBehaviour::word).collect(Collectors.joining(", "));
  }
}
