package dev.gort.systemtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How the system-test benchmarks print a set of latencies: count, p50, p99, max. */
final class Latencies {

  private Latencies() {}

  /** Prints {@code what} with the count, p50, p99 and max of {@code millis}. */
  static void print(String what, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(
        "%-45s n=%d  p50=%d ms  p99=%d ms  max=%d ms%n",
        what,
        sorted.size(),
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  /** The nearest-rank {@code p}-th percentile of {@code sorted} (ascending, not empty). */
  static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
