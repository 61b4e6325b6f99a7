package dev.gort.common.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds dependency cycles among jobs, without recursion and within a bounded amount of work, so
 * that a 500-job file cannot make validation slow.
 *
 * <p>Every strongly connected group of jobs is reported with at least one cycle: the shortest one
 * through its smallest job. Further cycles are searched while the budget lasts: for each job {@code
 * v}, the shortest cycle through each job {@code v} waits for, and through each job that waits for
 * {@code v}, using only jobs not smaller than {@code v}. Every cycle found that way starts at its
 * smallest job, so it is spelled rotated to its smallest name and found again only as itself, which
 * is dropped.
 */
final class DependencyCycles {

  static final int MAX_CYCLES = 20;
  private static final long EDGE_BUDGET = 2_000_000;

  private final String[] names;
  private final int[][] waitsFor;
  private final int[][] waitedForBy;
  private final int[] group;
  private long budget = EDGE_BUDGET;
  // reused by every search: a search marks what it reached with its own number, so that starting
  // one costs nothing however many jobs there are
  private final int[] parent;
  private final int[] reachedBy;
  private int search;

  private DependencyCycles(Map<String, ? extends Collection<String>> edges) {
    names = new TreeSet<>(edges.keySet()).toArray(String[]::new);
    waitsFor = new int[names.length][];
    List<List<Integer>> reverse = new ArrayList<>();
    for (int v = 0; v < names.length; v++) {
      reverse.add(new ArrayList<>());
    }
    for (int v = 0; v < names.length; v++) {
      int from = v;
      waitsFor[v] =
          edges.get(names[v]).stream()
              .mapToInt(name -> Arrays.binarySearch(names, name))
              .filter(w -> w >= 0 && w != from)
              .distinct()
              .sorted()
              .toArray();
      for (int w : waitsFor[v]) {
        reverse.get(w).add(v);
      }
    }
    waitedForBy = new int[names.length][];
    for (int v = 0; v < names.length; v++) {
      waitedForBy[v] = reverse.get(v).stream().mapToInt(Integer::intValue).toArray();
    }
    group = new StronglyConnected(waitsFor).groups();
    parent = new int[names.length];
    reachedBy = new int[names.length];
  }

  /**
   * The cycles in {@code edges} (job → the jobs it waits for; names not among the keys and a job
   * waiting for itself are ignored), each as its jobs from the smallest name on, without repeating
   * the first at the end; in name order, at most {@link #MAX_CYCLES}.
   */
  static List<List<String>> find(Map<String, ? extends Collection<String>> edges) {
    return new DependencyCycles(edges).cycles();
  }

  private List<List<String>> cycles() {
    Set<List<Integer>> found = new LinkedHashSet<>();
    // one cycle per group, through its smallest job (the first of the group in name order); these
    // searches stay within disjoint groups, so together they cost at most the number of edges
    for (int v = 0; v < names.length; v++) {
      if (group[v] == v && inGroup(waitsFor[v], v).length > 0) {
        found.add(firstHop(v, inGroup(waitsFor[v], v)[0], true));
      }
    }
    for (int v = 0; v < names.length && found.size() < MAX_CYCLES && budget > 0; v++) {
      for (int w : inGroup(waitsFor[v], v)) {
        addIfFound(found, firstHop(v, w, false));
      }
      for (int u : inGroup(waitedForBy[v], v)) {
        addIfFound(found, lastHop(v, u));
      }
    }
    List<List<Integer>> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(DependencyCycles::key));
    List<List<String>> cycles = new ArrayList<>();
    for (List<Integer> cycle : sorted.subList(0, Math.min(MAX_CYCLES, sorted.size()))) {
      cycles.add(cycle.stream().map(i -> names[i]).toList());
    }
    return cycles;
  }

  private static String key(List<Integer> cycle) {
    StringBuilder key = new StringBuilder();
    cycle.forEach(i -> key.append(String.format("%08d", i)));
    return key.toString();
  }

  private void addIfFound(Set<List<Integer>> found, List<Integer> cycle) {
    if (cycle != null && found.size() < MAX_CYCLES) {
      found.add(cycle);
    }
  }

  /** The jobs of {@code v}'s group among {@code jobs} that are larger than {@code v}. */
  private int[] inGroup(int[] jobs, int v) {
    return Arrays.stream(jobs).filter(w -> w > v && group[w] == group[v]).toArray();
  }

  /** The shortest cycle {@code v → w → … → v}. */
  private List<Integer> firstHop(int v, int w, boolean unlimited) {
    List<Integer> path = shortestPath(w, v, v, unlimited);
    if (path == null) {
      return null;
    }
    List<Integer> cycle = new ArrayList<>();
    cycle.add(v);
    cycle.addAll(path.subList(0, path.size() - 1));
    return cycle;
  }

  /** The shortest cycle {@code v → … → u → v}. */
  private List<Integer> lastHop(int v, int u) {
    return shortestPath(v, u, v, false);
  }

  /**
   * The shortest path from {@code from} to {@code to} whose jobs after {@code from} are of {@code
   * smallest}'s group and larger than it, or {@code smallest} itself as {@code to}; breadth-first.
   * Null when there is none or the budget ran out.
   */
  private List<Integer> shortestPath(int from, int to, int smallest, boolean unlimited) {
    search++;
    reachedBy[from] = search;
    parent[from] = from;
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(from);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int next : waitsFor[u]) {
        if (!unlimited && --budget < 0) {
          return null;
        }
        boolean allowed = next == to || (next > smallest && group[next] == group[smallest]);
        if (!allowed || reachedBy[next] == search) {
          continue;
        }
        reachedBy[next] = search;
        parent[next] = u;
        if (next == to) {
          return pathTo(to);
        }
        queue.add(next);
      }
    }
    return null;
  }

  private List<Integer> pathTo(int to) {
    Deque<Integer> path = new ArrayDeque<>();
    for (int u = to; ; u = parent[u]) {
      path.push(u);
      if (parent[u] == u) {
        break;
      }
    }
    return new ArrayList<>(path);
  }
}
