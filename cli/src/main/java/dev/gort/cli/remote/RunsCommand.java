package dev.gort.cli.remote;

import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gort runs}: the caller's pipeline runs on the server, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List your pipeline runs on the server, newest first.")
public class RunsCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Option(names = "--pipeline", paramLabel = "P", description = "Only runs of this pipeline.")
  String pipeline;

  @Option(
      names = "--status",
      paramLabel = "S",
      description =
          "Only runs with this status: NOT_STARTED, RUNNING, WAITING_FOR_USER, SUCCEEDED, FAILED"
              + " or CANCELLED.")
  String status;

  @Option(names = "--experiment", paramLabel = "E", description = "Only runs of this experiment.")
  String experiment;

  @Option(names = "--repository", paramLabel = "R", description = "Only runs of this repository.")
  String repository;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most this many runs, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1 || limit > PipelineRunClient.MAX_ITEMS) {
      throw CliFailure.usage("--limit must be 1 to 1000, not " + limit);
    }
    Remote remote = Remote.of(gort, spec);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("pipeline", pipeline);
    filters.put(
        "status",
        status == null ? null : status.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    filters.put("experiment", experiment);
    filters.put("repository", repository);
    remote.printer().print(remote.client().runs(filters, limit), RunViews::runs);
    return 0;
  }
}
