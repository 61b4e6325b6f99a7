package dev.gort.common.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds dependency cycles among jobs, without recursion and within a bounded amount of work, so
 * that a 500-job file cannot make validation slow.
 *
 * <p>Every strongly connected group of jobs is reported with at least one cycle: the shortest one
 * through its smallest job. Further cycles are searched while the budget lasts: for each job {@code
 * v} and each job {@code w} it waits for, the shortest way from {@code w} back to {@code v} through
 * jobs not smaller than {@code v}. A cycle found that way has {@code v} as its smallest job and
 * {@code w} as its second, so no cycle is found twice and each comes out rotated to start at its
 * smallest job.
 */
final class DependencyCycles {

  static final int MAX_CYCLES = 20;
  private static final long EDGE_BUDGET = 2_000_000;

  private final String[] names;
  private final int[][] waitsFor;
  private final int[] group;
  private long budget = EDGE_BUDGET;

  private DependencyCycles(Map<String, ? extends Collection<String>> edges) {
    names = new TreeSet<>(edges.keySet()).toArray(String[]::new);
    waitsFor = new int[names.length][];
    for (int v = 0; v < names.length; v++) {
      waitsFor[v] =
          edges.get(names[v]).stream()
              .mapToInt(name -> Arrays.binarySearch(names, name))
              .filter(w -> w >= 0)
              .distinct()
              .sorted()
              .toArray();
    }
    group = new StronglyConnected(waitsFor).groups();
  }

  /**
   * The cycles in {@code edges} (job → the jobs it waits for; names not among the keys are
   * ignored), each as its jobs from the smallest name on, without repeating the first at the end;
   * ordered by their first job.
   */
  static List<List<String>> find(Map<String, ? extends Collection<String>> edges) {
    return new DependencyCycles(edges).cycles();
  }

  private List<List<String>> cycles() {
    List<int[]> found = new ArrayList<>();
    boolean[] groupDone = new boolean[names.length];
    // first pass: one cycle per group, through the group's smallest job, whatever the budget
    for (int v = 0; v < names.length; v++) {
      if (groupDone[group[v]] || !hasCycleInGroup(v)) {
        continue;
      }
      groupDone[group[v]] = true;
      for (int w : waitsFor[v]) {
        int[] cycle = w > v && group[w] == group[v] ? cycleThrough(v, w, true) : null;
        if (cycle != null) {
          found.add(cycle);
          break;
        }
      }
    }
    // second pass: the other cycles, while the budget lasts
    for (int v = 0; v < names.length && found.size() < MAX_CYCLES && budget > 0; v++) {
      for (int w : waitsFor[v]) {
        if (w <= v || group[w] != group[v] || alreadyFound(found, v, w)) {
          continue;
        }
        int[] cycle = cycleThrough(v, w, false);
        if (cycle != null) {
          found.add(cycle);
        }
        if (found.size() >= MAX_CYCLES || budget <= 0) {
          break;
        }
      }
    }
    found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
    List<List<String>> cycles = new ArrayList<>();
    for (int[] cycle : found) {
      cycles.add(Arrays.stream(cycle).mapToObj(i -> names[i]).toList());
    }
    return cycles;
  }

  private boolean hasCycleInGroup(int v) {
    for (int w : waitsFor[v]) {
      if (group[w] == group[v] && w != v) {
        return true;
      }
    }
    return false;
  }

  private static boolean alreadyFound(List<int[]> found, int v, int w) {
    return found.stream().anyMatch(cycle -> cycle[0] == v && cycle[1] == w);
  }

  /**
   * The shortest cycle {@code v → w → … → v} through jobs of v's group not smaller than {@code v},
   * or null; breadth-first from {@code w}. {@code unlimited} ignores the budget (the first pass:
   * its searches stay within disjoint groups, so their total work is bounded by the edges).
   */
  private int[] cycleThrough(int v, int w, boolean unlimited) {
    int[] parent = new int[names.length];
    Arrays.fill(parent, -1);
    parent[w] = w;
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(w);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int next : waitsFor[u]) {
        if (!unlimited && --budget < 0) {
          return null;
        }
        if (next == v) {
          return path(v, u, parent);
        }
        if (next > v && group[next] == group[v] && parent[next] == -1) {
          parent[next] = u;
          queue.add(next);
        }
      }
    }
    return null;
  }

  private static int[] path(int v, int last, int[] parent) {
    Deque<Integer> reversed = new ArrayDeque<>();
    for (int u = last; ; u = parent[u]) {
      reversed.push(u);
      if (parent[u] == u) {
        break;
      }
    }
    reversed.push(v);
    return reversed.stream().mapToInt(Integer::intValue).toArray();
  }
}
