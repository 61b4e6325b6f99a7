package dev.gort.worker.results.tap;

import java.util.ArrayList;
import java.util.List;

/** The problems one document reported, at most {@link #MAX} of them listed. */
final class ProblemList {

  static final int MAX = 50;

  private final List<String> problems = new ArrayList<>();
  private int unlisted;

  void add(String problem) {
    if (problems.size() < MAX) {
      problems.add(problem);
    } else {
      unlisted++;
    }
  }

  List<String> list() {
    if (unlisted == 0) {
      return List.copyOf(problems);
    }
    List<String> all = new ArrayList<>(problems);
    all.add(unlisted + " more problems were not listed");
    return all;
  }
}
