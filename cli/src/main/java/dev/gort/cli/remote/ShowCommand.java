package dev.gort.cli.remote;

import dev.gort.cli.GortCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gort show RUN}: one pipeline run with its stages, jobs and every attempt. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show a pipeline run: its stages, jobs (flaky ones marked) and every attempt of each.")
public class ShowCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The run's id.")
  String run;

  @Override
  public Integer call() {
    Remote remote = Remote.of(gort, spec);
    remote.printer().printText(remote.client().run(run), RunViews::detail);
    return 0;
  }
}
