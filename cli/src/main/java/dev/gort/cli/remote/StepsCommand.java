package dev.gort.cli.remote;

import dev.gort.cli.GortCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort steps RUN}: a pipeline run's steps (seed 001), filtered by state, tags and the action
 * allowed on them now; each with the actions it allows.
 */
@Command(
    name = "steps",
    mixinStandardHelpOptions = true,
    description = "List a pipeline run's steps: state, attempts, the actions each allows now.")
public class StepsCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The run's id.")
  String run;

  @Option(
      names = "--state",
      paramLabel = "S",
      description =
          "Only steps in this state (e.g. running, paused, waiting-for-input; a,b for more).")
  String state;

  @Option(
      names = "--tag",
      paramLabel = "K=V",
      description = "Only steps with this tag (repeat: all must match).")
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(
      names = "--action",
      paramLabel = "A",
      description =
          "Only steps that allow this action now: start, pause, resume, interrupt, rerun, skip,"
              + " unskip, send-message.")
  String action;

  @Override
  public Integer call() {
    Remote remote = Remote.of(gort, spec);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("state", state);
    tags.forEach((key, value) -> filters.put("tag." + key, value));
    filters.put("action", action);
    remote.printer().print(remote.client().steps(run, filters), RunViews::steps);
    return 0;
  }
}
