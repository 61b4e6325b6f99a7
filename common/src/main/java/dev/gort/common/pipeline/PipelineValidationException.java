package dev.gort.common.pipeline;

import java.util.List;

/** A pipeline file that cannot be run, with every problem found in it (in file order). */
public class PipelineValidationException extends RuntimeException {

  private static final int SHOWN_IN_MESSAGE = 3;

  private final transient List<PipelineProblem> problems;
  private final int total;

  public PipelineValidationException(List<PipelineProblem> problems) {
    this(problems, problems.size());
  }

  /**
   * @param problems the problems listed, the first ones in file order
   * @param total how many were found, at least as many as listed
   */
  public PipelineValidationException(List<PipelineProblem> problems, int total) {
    super(summary(problems, Math.max(total, problems.size())));
    this.problems = List.copyOf(problems);
    this.total = Math.max(total, problems.size());
  }

  /** The problems, in file order; at most the first 100 when there were more. */
  public List<PipelineProblem> problems() {
    return problems;
  }

  /** How many problems were found, including those not listed. */
  public int total() {
    return total;
  }

  private static String summary(List<PipelineProblem> problems, int total) {
    StringBuilder out = new StringBuilder("the pipeline file has ").append(total);
    out.append(total == 1 ? " problem: " : " problems: ");
    for (int i = 0; i < Math.min(SHOWN_IN_MESSAGE, problems.size()); i++) {
      out.append(i == 0 ? "" : "; ").append(problems.get(i).describe());
    }
    if (total > SHOWN_IN_MESSAGE) {
      out.append("; and ").append(total - SHOWN_IN_MESSAGE).append(" more");
    }
    return out.toString();
  }
}
