package dev.gort.console.experiments;

import dev.gort.console.runs.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An experiment's runs grouped by the revision they tested. */
public final class RevisionGroups {

  private RevisionGroups() {}

  /** One revision and its runs, latest first. */
  public record RevisionGroup(String revision, List<Run> runs) {}

  /**
   * {@code latestFirst} grouped by revision: the groups in the order of their latest run (the
   * revision tested last comes first), the runs of each latest first.
   */
  public static List<RevisionGroup> of(List<Run> latestFirst) {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run run : latestFirst) {
      String revision = run.revision() == null ? "" : run.revision();
      groups.computeIfAbsent(revision, r -> new ArrayList<>()).add(run);
    }
    List<RevisionGroup> list = new ArrayList<>();
    groups.forEach((revision, runs) -> list.add(new RevisionGroup(revision, List.copyOf(runs))));
    return list;
  }
}
