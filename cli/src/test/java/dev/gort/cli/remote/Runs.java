package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.FakeServer.Reply;
import dev.gort.cli.http.Json;
import java.util.Map;

/** Pipeline runs as the scheduler answers them ({@code PipelineRunView}), for the fake server. */
final class Runs {

  static final String ID = "7f1c2d3e-0000-4000-8000-000000000001";
  static final String OPERATION = "op-7f1c";

  private Runs() {}

  /** {@code demo} run 3: stage build (compile), stage test (unit, lint), in the states given. */
  static ObjectNode run(String status, String compile, String unit, String lint) {
    ObjectNode run = Json.MAPPER.createObjectNode();
    run.put("id", ID);
    run.put("operationId", OPERATION);
    run.put("pipeline", "demo");
    run.put("number", 3);
    run.put("owner", "alice");
    run.put("repository", "gort");
    run.put("status", status);
    run.put("percentComplete", 50);
    run.put("createdDateTime", "2026-12-03T10:00:00Z");
    run.put("startedDateTime", "2026-12-03T10:00:01Z");
    boolean finished =
        status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
    if (finished) {
      run.put("finishedDateTime", "2026-12-03T10:00:09Z");
    }
    ArrayNode stages = run.putArray("stages");
    ObjectNode build = stage(stages, "build", stageStatus(compile));
    job(build, "compile", "build", compile, false, false);
    ObjectNode test = stage(stages, "test", stageStatus(unit));
    job(test, "unit", "test", unit, false, unit.equals("succeeded") && finished);
    job(test, "lint", "test", lint, true, false);
    return run;
  }

  static Reply json(Object body) {
    return Reply.json(200, body.toString());
  }

  static Reply operation(String status) {
    return new Reply(
        200,
        Map.of("Content-Type", "application/json", "Retry-After", "0"),
        "{\"id\":\"" + OPERATION + "\",\"kind\":\"pipeline-run\",\"status\":\"" + status + "\"}");
  }

  private static String stageStatus(String jobState) {
    switch (jobState) {
      case "succeeded":
        return "succeeded";
      case "failed":
        return "failed";
      case "running":
        return "running";
      default:
        return "pending";
    }
  }

  private static ObjectNode stage(ArrayNode stages, String name, String status) {
    ObjectNode stage = stages.addObject();
    stage.put("name", name);
    stage.put("status", status);
    stage.putArray("jobs");
    return stage;
  }

  /**
   * A job in {@code state}; a flaky one has a failed attempt 1 and a passed attempt 2, a failed one
   * a script failure with exit 3.
   */
  private static void job(
      ObjectNode stage,
      String name,
      String stageName,
      String state,
      boolean allowed,
      boolean flaky) {
    ObjectNode job = ((ArrayNode) stage.get("jobs")).addObject();
    job.put("id", name);
    job.put("stage", stageName);
    job.put("runner", "local");
    job.put("state", state);
    job.putObject("tags").put("suite", name);
    job.put("allowedFailure", allowed && state.equals("failed"));
    job.put("flaky", flaky);
    job.putArray("allowedActions").add(state.equals("running") ? "interrupt" : "pause");
    ArrayNode attempts = job.putArray("attempts");
    if (state.equals("waiting") || state.equals("ready")) {
      return;
    }
    job.put("startedDateTime", "2026-12-03T10:00:02Z");
    if (flaky) {
      ObjectNode first = attempts.addObject();
      first.put("number", 1);
      first.put("startedDateTime", "2026-12-03T10:00:02Z");
      first.put("finishedDateTime", "2026-12-03T10:00:03Z");
      first.put("succeeded", false);
      first.put("exitCode", 1);
      first.put("failure", "script_failure");
      first.put("reason", "command 1 exited with 1");
    }
    ObjectNode attempt = attempts.addObject();
    attempt.put("number", flaky ? 2 : 1);
    attempt.put("startedDateTime", "2026-12-03T10:00:04Z");
    if (!state.equals("running")) {
      attempt.put("finishedDateTime", "2026-12-03T10:00:05.500Z");
      job.put("finishedDateTime", "2026-12-03T10:00:05.500Z");
      boolean ok = state.equals("succeeded");
      attempt.put("succeeded", ok);
      attempt.put("exitCode", ok ? 0 : 3);
      if (!ok) {
        attempt.put("failure", "script_failure");
        attempt.put("reason", "command 1 exited with 3");
      }
      attempt.put("logUrl", "http://127.0.0.1:8086/jobs/" + name + "/log");
    }
  }
}
