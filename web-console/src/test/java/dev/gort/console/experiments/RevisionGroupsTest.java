package dev.gort.console.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.console.experiments.OutcomeTrend.Point;
import dev.gort.console.experiments.RevisionGroups.RevisionGroup;
import dev.gort.console.runs.Run;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionGroupsTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void runsAreGroupedByRevisionTheLatestTestedFirst() {
    List<Run> latestFirst =
        List.of(
            run("r5", "b", "RUNNING", null),
            run("r4", "a", "FINISHED", "FAILED"),
            run("r3", "b", "FINISHED", "PASSED"),
            run("r2", "a", "FINISHED", "PASSED"));

    List<RevisionGroup> groups = RevisionGroups.of(latestFirst);

    assertThat(groups).extracting(RevisionGroup::revision).containsExactly("b", "a");
    assertThat(groups.get(0).runs()).extracting(Run::id).containsExactly("r5", "r3");
    assertThat(groups.get(1).runs()).extracting(Run::id).containsExactly("r4", "r2");
  }

  @Test
  void theTrendIsTheLatestFinishedOutcomesOldestFirst() {
    List<Run> latestFirst =
        List.of(
            run("r5", "b", "RUNNING", null),
            run("r4", "a", "FINISHED", "FAILED"),
            run("r3", "b", "FINISHED", "PASSED"),
            run("r2", "a", "FINISHED", "CANCELLED"),
            run("r1", "a", "FINISHED", "PASSED"));

    List<Point> trend = OutcomeTrend.of(latestFirst, 3);

    assertThat(trend).extracting(Point::runId).containsExactly("r2", "r3", "r4");
    assertThat(trend).extracting(Point::outcome).containsExactly("CANCELLED", "PASSED", "FAILED");
    assertThat(OutcomeTrend.passed(trend)).isEqualTo(1);
    assertThat(OutcomeTrend.of(List.of(), 20)).isEmpty();
  }

  static Run run(String id, String revision, String state, String outcome) {
    return new Run(
        id,
        "exp",
        revision,
        "alice",
        "sim",
        "test",
        Map.of(),
        "alice",
        state,
        outcome,
        1,
        "op-" + id,
        null,
        T0,
        T0.plusSeconds(5),
        null,
        null,
        List.of());
  }
}
