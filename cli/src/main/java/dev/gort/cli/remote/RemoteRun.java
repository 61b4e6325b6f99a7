package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.ExitCode;
import dev.gort.cli.http.Json;
import dev.gort.cli.run.RunWatcher;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineSpec;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gort run FILE} without {@code --local}: the pipeline, validated here already, travels with
 * the request (seed 003) to the scheduler, which runs it; {@code --watch} follows it to its end
 * with the same {@link RunWatcher} as {@code gort test --watch}. Exits 0 when the run SUCCEEDED, 1
 * when it FAILED or was CANCELLED; without {@code --watch}, 0 once it is accepted.
 */
public final class RemoteRun {

  /** What the run is about, besides the pipeline. */
  public record Request(
      PipelineSpec pipeline,
      String experiment,
      String repository,
      String commit,
      boolean pauseOnFailure,
      boolean watch) {}

  private RemoteRun() {}

  public static int run(GortCommand gort, CommandSpec spec, Request request, boolean terminal)
      throws InterruptedException {
    Remote remote = Remote.of(gort, spec);
    PipelineRunClient.Started started =
        remote.client().start(request.pipeline().name(), body(request));
    return follow(remote, started, request.watch(), terminal);
  }

  /**
   * A pipeline run the scheduler started for {@code gort test} (an experiment whose test config
   * holds a pipeline): shown, or followed, as one {@code gort run} started.
   */
  public static int follow(
      GortCommand gort,
      CommandSpec spec,
      JsonNode run,
      String operationId,
      boolean watch,
      boolean terminal)
      throws InterruptedException {
    return follow(
        Remote.of(gort, spec),
        new PipelineRunClient.Started(run, Json.text(run, "id"), operationId),
        watch,
        terminal);
  }

  private static int follow(
      Remote remote, PipelineRunClient.Started started, boolean watch, boolean terminal)
      throws InterruptedException {
    if (!watch) {
      remote.printer().print(started.run(), RunViews::started);
      return ExitCode.SUCCESS.code();
    }
    PrintWriter progress = remote.json() ? remote.err() : remote.out();
    if (!remote.json()) {
      progress.println(
          "started "
              + Json.text(started.run(), "pipeline")
              + " run "
              + Json.text(started.run(), "number")
              + ": "
              + started.runId());
      progress.flush();
    }
    Clock clock = Clock.systemUTC();
    JsonNode finished =
        new RunWatcher(
                remote.client(),
                PipelineProgress.forOutput(progress, terminal, clock),
                clock,
                wait -> Thread.sleep(wait.toMillis()))
            .watch(started.runId(), started.operationId());
    remote.printer().printText(finished, RunViews::detail);
    if (RunViews.SUCCEEDED.equals(Json.text(finished, "status"))) {
      return ExitCode.SUCCESS.code();
    }
    remote.err().println("gort: " + RunViews.verdict(finished));
    remote.err().flush();
    return ExitCode.RUN_FAILED.code();
  }

  /** {@code PipelineRunRequest}: the pipeline in its file's shape, and what the run is about. */
  static ObjectNode body(Request request) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("pipeline", PipelineJson.toJsonNode(request.pipeline()));
    putIfGiven(body, "experiment", request.experiment());
    putIfGiven(body, "repository", request.repository());
    putIfGiven(body, "commit", request.commit());
    if (request.pauseOnFailure()) {
      body.put("pauseOnFailure", true);
    }
    return body;
  }

  private static void putIfGiven(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
