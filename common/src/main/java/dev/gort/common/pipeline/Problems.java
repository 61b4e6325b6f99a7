package dev.gort.common.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** The problems found so far in one pipeline file. */
final class Problems {

  /**
   * A file of 256 KiB can hold tens of thousands of mistakes; the first ones in file order are
   * enough to fix, and keep an error response small.
   */
  static final int MAX_LISTED = 100;

  private final List<PipelineProblem> found = new ArrayList<>();

  void at(Node node, String path, String message) {
    at(node.getStartMark(), path, message);
  }

  void at(Mark mark, String path, String message) {
    if (mark == null) {
      at(1, 1, path, message);
    } else {
      at(mark.getLine() + 1, mark.getColumn() + 1, path, message);
    }
  }

  void at(int line, int column, String path, String message) {
    found.add(new PipelineProblem(line, column, path, message));
  }

  int count() {
    return found.size();
  }

  boolean any() {
    return !found.isEmpty();
  }

  void throwIfAny() {
    if (any()) {
      List<PipelineProblem> sorted = new ArrayList<>(found);
      sorted.sort(
          Comparator.comparingInt(PipelineProblem::line).thenComparingInt(PipelineProblem::column));
      throw new PipelineValidationException(
          sorted.subList(0, Math.min(MAX_LISTED, sorted.size())), sorted.size());
    }
  }

  /** Where {@code node} starts, as {@code 3:7}, for "first at" in a duplicate's message. */
  static String position(Node node) {
    Mark mark = node.getStartMark();
    return mark == null ? "?" : (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }
}
