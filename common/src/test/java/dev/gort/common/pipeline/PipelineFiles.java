package dev.gort.common.pipeline;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Parsing helpers for the pipeline tests. */
final class PipelineFiles {

  private PipelineFiles() {}

  static PipelineSpec parse(String text) {
    return new PipelineParser().parse(text);
  }

  /** The problems {@code text} is refused with; fails the test when it is accepted. */
  static List<PipelineProblem> problems(String text) {
    PipelineValidationException refused =
        catchThrowableOfType(() -> parse(text), PipelineValidationException.class);
    if (refused == null) {
      throw new AssertionError("expected the pipeline file to be refused:\n" + text);
    }
    return refused.problems();
  }

  /** The problems as {@code line:column path: message}. */
  static List<String> described(String text) {
    return problems(text).stream().map(PipelineProblem::describe).toList();
  }

  /** A valid pipeline with one more job, {@code extra}, given as YAML lines at job level. */
  static String withJob(String extra) {
    return "pipeline: demo\n"
        + "stages: [build, test]\n"
        + "jobs:\n"
        + "  compile: {stage: build, script: [make]}\n"
        + extra;
  }
}
