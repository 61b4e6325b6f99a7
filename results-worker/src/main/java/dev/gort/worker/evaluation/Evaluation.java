package dev.gort.worker.evaluation;

import dev.gort.common.event.Outcome;
import dev.gort.worker.results.ParsedResults;
import java.util.List;

/**
 * The verdict on one run.
 *
 * @param summary one line for the owner (it travels in {@code RunEvaluated} and the notification)
 * @param results what the results document said; null when the run ended without results (timed
 *     out, cancelled, unprocessable)
 * @param counts the results' test cases by status; null without results
 * @param failures the first failing tests with their messages (bounded); empty without results
 */
public record Evaluation(
    Outcome outcome,
    String summary,
    ParsedResults results,
    TestCounts counts,
    List<FailedTest> failures) {

  public Evaluation {
    failures = List.copyOf(failures);
  }

  /** A verdict reached without results to judge. */
  public static Evaluation withoutResults(Outcome outcome, String summary) {
    return new Evaluation(outcome, summary, null, null, List.of());
  }
}
