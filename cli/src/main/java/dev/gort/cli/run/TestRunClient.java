package dev.gort.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Answer;
import dev.gort.cli.http.GortHttp;
import dev.gort.cli.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The scheduler's test-run and operation API, as the command line calls it. */
public final class TestRunClient implements RunWatcher.Source {

  private final GortHttp http;
  private final URI server;
  private final String bearer;

  public TestRunClient(GortHttp http, URI server, String bearer) {
    this.http = http;
    this.server = server;
    this.bearer = bearer;
  }

  /**
   * A run the scheduler accepted: the run as it answered, and its operation's location.
   *
   * @param pipelineRun the experiment's test config holds a pipeline, so the run is a pipeline run
   *     ({@code Location: /api/v1/pipeline-runs/{id}}), not a test run
   */
  public record Started(JsonNode run, String runId, String operationId, boolean pipelineRun) {}

  static final String PIPELINE_RUNS = "/api/v1/pipeline-runs/";

  /** {@code POST /api/v1/experiments/{slug}/test-runs}, with the runner when one is chosen. */
  public Started start(String experiment, String runner) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (runner != null) {
      body.put("runner", runner);
    }
    Answer answer =
        http.postJson(
            "test " + experiment,
            url("/api/v1/experiments/" + segment(experiment) + "/test-runs"),
            Optional.of(bearer),
            body);
    JsonNode run = answer.body();
    String operationId =
        Optional.ofNullable(Json.text(run, "operationId"))
            .orElseGet(
                () ->
                    answer
                        .header("Operation-Location")
                        .map(location -> location.substring(location.lastIndexOf('/') + 1))
                        .orElse(null));
    boolean pipelineRun =
        answer.header("Location").map(location -> location.contains(PIPELINE_RUNS)).orElse(false);
    return new Started(run, Json.text(run, "id"), operationId, pipelineRun);
  }

  @Override
  public Polled operation(String operationId) {
    Answer answer =
        http.get(
            "operation " + operationId,
            url("/api/v1/operations/" + segment(operationId)),
            Optional.of(bearer));
    return new Polled(answer.body(), answer.retryAfter());
  }

  @Override
  public JsonNode run(String runId) {
    return http.get(
            "test run " + runId, url("/api/v1/test-runs/" + segment(runId)), Optional.of(bearer))
        .body();
  }

  private URI url(String path) {
    return URI.create(server + path);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
