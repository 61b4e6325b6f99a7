package dev.gort.console.runs;

import dev.gort.console.operations.Operation;
import dev.gort.console.reports.ReportSummary;
import dev.gort.console.reports.TestCase;
import dev.gort.console.runs.Attempts.Attempt;
import java.util.List;

/**
 * What the run page's live area shows ({@code #run-status}): the state, the operation, the attempts
 * and the timeline, and once the run finished its report. {@code liveSrc} is null once there is
 * nothing more to wait for, which stops the refreshing.
 */
public record RunStatus(
    Run run,
    Operation operation,
    String operationError,
    List<Attempt> attempts,
    ReportSummary report,
    List<TestCase> failing,
    boolean moreFailing,
    String reportError,
    String liveSrc,
    long liveAfterSeconds) {

  public boolean live() {
    return liveSrc != null;
  }
}
