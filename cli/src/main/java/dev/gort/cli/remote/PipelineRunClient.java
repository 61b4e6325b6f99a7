package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.http.Answer;
import dev.gort.cli.http.GortHttp;
import dev.gort.cli.http.Json;
import dev.gort.cli.run.Polled;
import dev.gort.cli.run.RunWatcher;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The scheduler's pipeline-run, step, operation and report API, as the command line calls it. Lists
 * are read whole, page after page ({@code nextLink}), up to the number asked for.
 */
public final class PipelineRunClient implements RunWatcher.Source {

  static final String RUNS = "/api/v1/pipeline-runs";
  static final String REPORTS = "/api/v1/pipeline-reports";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** The most items a list is read to, whatever is asked: the steps of the largest pipeline. */
  static final int MAX_ITEMS = 1000;

  private final GortHttp http;
  private final URI server;
  private final String bearer;

  public PipelineRunClient(GortHttp http, URI server, String bearer) {
    this.http = http;
    this.server = server;
    this.bearer = bearer;
  }

  /** A run the scheduler accepted: the run as it answered, and its operation. */
  public record Started(JsonNode run, String runId, String operationId) {}

  /**
   * {@code POST /api/v1/pipeline-runs} with a fresh {@code Idempotency-Key}, so that a request the
   * HTTP client repeats starts one run.
   */
  public Started start(String pipeline, ObjectNode body) {
    Answer answer =
        http.postJson(
            "run " + pipeline,
            url(RUNS),
            auth(),
            body,
            Map.of(IDEMPOTENCY_KEY, UUID.randomUUID().toString()));
    JsonNode run = answer.body();
    String operationId =
        Optional.ofNullable(Json.text(run, "operationId"))
            .orElseGet(
                () ->
                    answer
                        .header("Operation-Location")
                        .map(location -> location.substring(location.lastIndexOf('/') + 1))
                        .orElse(null));
    return new Started(run, Json.text(run, "id"), operationId);
  }

  @Override
  public JsonNode run(String runId) {
    return http.get("run " + runId, url(RUNS + "/" + segment(runId)), auth()).body();
  }

  @Override
  public Polled operation(String operationId) {
    Answer answer =
        http.get(
            "operation " + operationId, url("/api/v1/operations/" + segment(operationId)), auth());
    return new Polled(answer.body(), answer.retryAfter());
  }

  /** {@code GET /api/v1/pipeline-runs?…}: up to {@code limit} runs, newest first. */
  public ArrayNode runs(Map<String, String> filters, int limit) {
    return list("runs", RUNS, filters, limit);
  }

  /** {@code GET …/{id}/steps?state=&tag.k=v&action=}. */
  public ArrayNode steps(String runId, Map<String, String> filters) {
    return list("steps of " + runId, RUNS + "/" + segment(runId) + "/steps", filters, MAX_ITEMS);
  }

  /** {@code POST …/{id}/steps:{action}}: the answer lists the ids changed and those refused. */
  public JsonNode act(String runId, String action, ObjectNode selection) {
    return http.postJson(
            action + " " + runId,
            url(RUNS + "/" + segment(runId) + "/steps:" + action),
            auth(),
            selection)
        .body();
  }

  /** {@code DELETE /api/v1/operations/{id}}: cancels the run the operation follows. */
  public JsonNode cancel(String runId, String operationId) {
    return http.delete("cancel " + runId, url("/api/v1/operations/" + segment(operationId)), auth())
        .body();
  }

  /** {@code GET /api/v1/pipeline-reports?…}: up to {@code limit} reports, newest first. */
  public ArrayNode reports(Map<String, String> filters, int limit) {
    return list("reports", REPORTS, filters, limit);
  }

  /** {@code POST /api/v1/pipeline-reports} of a report's JSON as it is, once per key. */
  public Answer upload(String what, String reportJson, String idempotencyKey) {
    return http.postJsonText(
        "upload " + what,
        url(REPORTS),
        auth(),
        reportJson,
        Map.of(IDEMPOTENCY_KEY, idempotencyKey));
  }

  private ArrayNode list(String what, String path, Map<String, String> filters, int limit) {
    Map<String, String> query = new LinkedHashMap<>(filters);
    int wanted = Math.min(limit, MAX_ITEMS);
    query.put("$top", String.valueOf(wanted));
    ArrayNode items = Json.MAPPER.createArrayNode();
    URI next = url(path + query(query));
    while (next != null && items.size() < wanted) {
      JsonNode page = http.get(what, next, auth()).body();
      for (JsonNode item : page.path("value")) {
        if (items.size() < wanted) {
          items.add(item);
        }
      }
      String link = Json.text(page, "nextLink");
      next = link == null || page.path("value").isEmpty() ? null : resolve(link);
    }
    return items;
  }

  /** A {@code nextLink}: a path on the same server (or, if ever absolute, that URL's path). */
  private URI resolve(String link) {
    URI given = URI.create(link);
    String pathAndQuery =
        given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery());
    return url(pathAndQuery);
  }

  static String query(Map<String, String> parameters) {
    StringJoiner query = new StringJoiner("&", "?", "");
    query.setEmptyValue("");
    parameters.forEach(
        (name, value) -> {
          if (value != null) {
            query.add(encode(name) + "=" + encode(value));
          }
        });
    return query.toString();
  }

  private Optional<String> auth() {
    return Optional.of(bearer);
  }

  private URI url(String path) {
    return URI.create(server + path);
  }

  static String segment(String value) {
    return encode(value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
