package dev.gort.console.pipelines;

import dev.gort.console.pipelines.PipelineRun.Stage;
import dev.gort.console.pipelines.PipelineRun.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's steps laid out as a graph for the page's SVG: one column per stage in pipeline order, the
 * stage's jobs top to bottom, and an edge for each need. A job that names no {@code needs} needs
 * every job of the earlier stages; those edges are drawn only where no other path already implies
 * them (a transitive reduction), else every stage would be wired to every later one.
 */
public record StepGraph(
    int width, int height, List<Column> columns, List<Node> nodes, List<Edge> edges) {

  static final int NODE_WIDTH = 184;
  static final int NODE_HEIGHT = 48;
  static final int COLUMN_GAP = 56;
  static final int ROW_GAP = 14;
  static final int HEADER = 30;
  static final int PAD = 8;

  /** The longest job name a node shows whole; a longer one is cut (its title has it all). */
  static final int MAX_LABEL = 22;

  /** A stage's column and its heading's position. */
  public record Column(String name, int x, int labelX) {}

  /**
   * A step's box; {@code anchor} is the id of its row in the page's table of steps.
   *
   * @param label the job's name, cut to {@link #MAX_LABEL} characters
   */
  public record Node(
      String id,
      String anchor,
      String label,
      Step step,
      int column,
      int row,
      int x,
      int y,
      int width,
      int height) {

    public int textX() {
      return x + 10;
    }

    public int nameY() {
      return y + 20;
    }

    public int stateY() {
      return y + 38;
    }

    boolean overlaps(Node other) {
      return x < other.x + other.width
          && other.x < x + width
          && y < other.y + other.height
          && other.y < y + height;
    }
  }

  /**
   * A need drawn from {@code from} to {@code to}; {@code implied} when it comes from stage order
   * rather than the job's own {@code needs}.
   */
  public record Edge(String from, String to, boolean implied, String path) {}

  public static StepGraph of(List<Stage> stages) {
    List<Column> columns = new ArrayList<>();
    Map<String, Node> nodes = new LinkedHashMap<>();
    int rows = 0;
    int index = 0;
    for (int c = 0; c < stages.size(); c++) {
      Stage stage = stages.get(c);
      int x = PAD + c * (NODE_WIDTH + COLUMN_GAP);
      columns.add(new Column(stage.name(), x, x + NODE_WIDTH / 2));
      List<Step> jobs = stage.jobs();
      for (int r = 0; r < jobs.size(); r++) {
        Step step = jobs.get(r);
        if (nodes.containsKey(step.id())) {
          continue;
        }
        int y = HEADER + PAD + r * (NODE_HEIGHT + ROW_GAP);
        nodes.put(
            step.id(),
            new Node(
                step.id(),
                anchorOf(index++),
                label(step.id()),
                step,
                c,
                r,
                x,
                y,
                NODE_WIDTH,
                NODE_HEIGHT));
      }
      rows = Math.max(rows, jobs.size());
    }
    int width =
        PAD * 2
            + Math.max(1, stages.size()) * NODE_WIDTH
            + Math.max(0, stages.size() - 1) * COLUMN_GAP;
    int height = HEADER + PAD * 2 + Math.max(1, rows) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
    return new StepGraph(width, height, columns, List.copyOf(nodes.values()), edges(nodes));
  }

  /** The id of the table row of the {@code index}-th step (ids of jobs may hold any character). */
  static String anchorOf(int index) {
    return "step-" + index;
  }

  static String label(String id) {
    if (id.codePointCount(0, id.length()) <= MAX_LABEL) {
      return id;
    }
    return id.substring(0, id.offsetByCodePoints(0, MAX_LABEL - 1)) + "…";
  }

  private static List<Edge> edges(Map<String, Node> nodes) {
    Map<String, Set<String>> needs = new LinkedHashMap<>();
    for (Node node : nodes.values()) {
      needs.put(node.id(), needsOf(node, nodes));
    }
    Map<String, Set<String>> ancestors = new HashMap<>();
    List<Edge> edges = new ArrayList<>();
    for (Node node : nodes.values()) {
      boolean implied = node.step().needs() == null;
      Set<String> direct = needs.get(node.id());
      for (String from : direct) {
        if (implied && impliedByAnother(from, direct, needs, ancestors)) {
          continue;
        }
        edges.add(new Edge(from, node.id(), implied, path(nodes.get(from), node)));
      }
    }
    return edges;
  }

  private static Set<String> needsOf(Node node, Map<String, Node> nodes) {
    Set<String> needs = new LinkedHashSet<>();
    if (node.step().needs() == null) {
      for (Node other : nodes.values()) {
        if (other.column() < node.column()) {
          needs.add(other.id());
        }
      }
    } else {
      for (String need : node.step().needs()) {
        if (nodes.containsKey(need) && !need.equals(node.id())) {
          needs.add(need);
        }
      }
    }
    return needs;
  }

  /** Whether another of {@code direct} already depends, at any depth, on {@code from}. */
  private static boolean impliedByAnother(
      String from,
      Set<String> direct,
      Map<String, Set<String>> needs,
      Map<String, Set<String>> ancestors) {
    for (String other : direct) {
      if (!other.equals(from) && ancestorsOf(other, needs, ancestors).contains(from)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> ancestorsOf(
      String job, Map<String, Set<String>> needs, Map<String, Set<String>> memo) {
    Set<String> known = memo.get(job);
    if (known != null) {
      return known;
    }
    // iterative, and safe against a cycle the scheduler would never have accepted
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(needs.getOrDefault(job, Set.of()));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (seen.add(next)) {
        todo.addAll(needs.getOrDefault(next, Set.of()));
      }
    }
    memo.put(job, seen);
    return seen;
  }

  /**
   * A curve from the right of {@code from} to the left of {@code to}; a need within one column (or
   * backwards) loops out to the right, through the gap after the column.
   */
  static String path(Node from, Node to) {
    int y1 = from.y() + from.height() / 2;
    int y2 = to.y() + to.height() / 2;
    int x1 = from.x() + from.width();
    if (to.column() > from.column()) {
      int x2 = to.x();
      int mid = (x1 + x2) / 2;
      return "M" + x1 + " " + y1 + " C" + mid + " " + y1 + " " + mid + " " + y2 + " " + x2 + " "
          + y2;
    }
    int x2 = to.x() + to.width();
    int out = Math.max(x1, x2) + COLUMN_GAP / 2;
    return "M" + x1 + " " + y1 + " C" + out + " " + y1 + " " + out + " " + y2 + " " + x2 + " " + y2;
  }

  /** Whether any two boxes overlap (they never should). */
  boolean hasOverlaps() {
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        if (nodes.get(i).overlaps(nodes.get(j))) {
          return true;
        }
      }
    }
    return false;
  }
}
