package dev.gort.common.pipeline;

/**
 * One thing wrong with a pipeline file, where it is.
 *
 * @param line 1-based line of the offending node
 * @param column 1-based column of the offending node
 * @param path where in the pipeline, e.g. {@code jobs.unit.needs[0]}; empty for the file as a whole
 * @param message what was found and what is allowed; untrusted text in it is escaped and cut
 */
public record PipelineProblem(int line, int column, String path, String message) {

  /** {@code 3:7 jobs.unit.needs[0]: needs "compil", which is not a job of this pipeline}. */
  public String describe() {
    return line + ":" + column + (path.isEmpty() ? "" : " " + path) + ": " + message;
  }

  @Override
  public String toString() {
    return describe();
  }
}
