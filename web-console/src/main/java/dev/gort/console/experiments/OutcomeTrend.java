package dev.gort.console.experiments;

import dev.gort.console.runs.Run;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The outcomes of an experiment's latest finished runs, oldest to newest, as a row of badges. */
public final class OutcomeTrend {

  /** How many outcomes the trend shows. */
  public static final int SIZE = 20;

  private OutcomeTrend() {}

  /** One finished run's outcome. */
  public record Point(String runId, String revision, String outcome, Instant at) {}

  /**
   * The outcomes of the latest {@code size} finished runs of {@code latestFirst}, oldest first
   * (read left to right, the newest last); unfinished runs have no outcome yet and are left out.
   */
  public static List<Point> of(List<Run> latestFirst, int size) {
    List<Point> points = new ArrayList<>();
    for (Run run : latestFirst) {
      if (points.size() == size) {
        break;
      }
      if (run.finished() && run.outcome() != null) {
        points.add(new Point(run.id(), run.revision(), run.outcome(), run.lastActionDateTime()));
      }
    }
    Collections.reverse(points);
    return points;
  }

  /** How many of {@code points} passed. */
  public static long passed(List<Point> points) {
    return points.stream().filter(p -> "PASSED".equals(p.outcome())).count();
  }
}
