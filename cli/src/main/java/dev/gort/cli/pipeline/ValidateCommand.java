package dev.gort.cli.pipeline;

import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.ExitCode;
import dev.gort.cli.output.OutputFormat;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.PipelineValidationException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort pipeline validate FILE}: the scheduler's own validation, without a server. Exits 0
 * when the file is valid, 2 with every problem when it is not.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a pipeline file; list every problem with its line and column.")
public class ValidateCommand implements Callable<Integer> {

  @ParentCommand PipelineCommand pipeline;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The pipeline file (YAML).")
  String file;

  @Override
  public Integer call() {
    GortCommand gort = (GortCommand) spec.parent().parent().userObject();
    OutputFormat format = gort.context().output();
    PrintWriter out = spec.commandLine().getOut();
    try {
      PipelineSpec parsed = PipelineFile.parse(file);
      if (format == OutputFormat.JSON) {
        out.println("[]");
      } else {
        out.println(summary(parsed));
      }
      out.flush();
      return ExitCode.SUCCESS.code();
    } catch (PipelineValidationException invalid) {
      ProblemList.print(file, invalid, format, out, spec.commandLine().getErr());
      return ExitCode.USAGE.code();
    }
  }

  /** {@code valid: pipeline demo, 2 stages, 4 jobs}. */
  static String summary(PipelineSpec spec) {
    return "valid: pipeline "
        + spec.name()
        + ", "
        + count(spec.stages().size(), "stage")
        + ", "
        + count(spec.jobs().size(), "job");
  }

  static String count(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
