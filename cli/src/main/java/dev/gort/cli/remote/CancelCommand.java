package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.Json;
import dev.gort.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort cancel RUN}: cancels the run through its operation (seed 001: {@code DELETE} on the
 * operation): the steps not yet final are skipped and the jobs still running halted. A run that
 * already finished is a usage error in the server's words (409).
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a pipeline run: skip what has not run, halt what runs.")
public class CancelCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The run's id.")
  String run;

  @Override
  public Integer call() {
    Remote remote = Remote.of(gort, spec);
    JsonNode found = remote.client().run(run);
    String operationId = Json.text(found, "operationId");
    if (operationId == null) {
      throw CliFailure.runFailed("cancel " + run + ": the server named no operation for it");
    }
    JsonNode operation = remote.client().cancel(run, operationId);
    remote
        .printer()
        .print(
            operation,
            answer ->
                Table.of("PIPELINE", "RUN", "ID", "OPERATION", "STATUS")
                    .row(
                        Json.text(found, "pipeline"),
                        Json.text(found, "number"),
                        Json.text(found, "id"),
                        operationId,
                        Json.text(answer, "status")));
    return 0;
  }
}
