package dev.gort.cli.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.http.Json;
import dev.gort.cli.output.OutputFormat;
import dev.gort.common.pipeline.PipelineProblem;
import dev.gort.common.pipeline.PipelineValidationException;
import java.io.PrintWriter;

/**
 * A pipeline file's problems, as {@code gort pipeline validate} and {@code gort run} print them:
 * one {@code FILE:LINE:COLUMN: path: message} line each on stderr (the shape compilers use, so
 * editors jump to them), or, with {@code --output json}, a JSON list of them on stdout.
 */
public final class ProblemList {

  private ProblemList() {}

  public static void print(
      String file,
      PipelineValidationException invalid,
      OutputFormat format,
      PrintWriter out,
      PrintWriter err) {
    if (format == OutputFormat.JSON) {
      out.print(Json.MAPPER.valueToTree(toJson(file, invalid)).toPrettyString() + "\n");
      out.flush();
      return;
    }
    for (PipelineProblem problem : invalid.problems()) {
      err.println(line(file, problem));
    }
    int more = invalid.total() - invalid.problems().size();
    if (more > 0) {
      err.println(file + ": and " + more + " more problems");
    }
    err.flush();
  }

  static String line(String file, PipelineProblem problem) {
    return file
        + ":"
        + problem.line()
        + ":"
        + problem.column()
        + ": "
        + (problem.path().isEmpty() ? "" : problem.path() + ": ")
        + problem.message();
  }

  static ArrayNode toJson(String file, PipelineValidationException invalid) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (PipelineProblem problem : invalid.problems()) {
      ObjectNode item = list.addObject();
      item.put("file", file);
      item.put("line", problem.line());
      item.put("column", problem.column());
      item.put("path", problem.path());
      item.put("message", problem.message());
    }
    return list;
  }
}
