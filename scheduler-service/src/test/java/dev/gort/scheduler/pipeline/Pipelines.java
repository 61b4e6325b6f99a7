package dev.gort.scheduler.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Asks for pipeline runs over the API and reads their steps, for the pipeline tests. */
final class Pipelines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Pipelines() {}

  /** A pipeline name no other test uses, so run numbers start at 1. */
  static String name() {
    return "p-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A request body carrying {@code yaml} as the pipeline's text, with {@code extra} fields. */
  static String body(String yaml, Object... extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pipeline", yaml);
    for (int i = 0; i < extra.length; i += 2) {
      body.put((String) extra[i], extra[i + 1]);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Response create(String body) {
    return given().contentType("application/json").body(body).post("/api/v1/pipeline-runs");
  }

  /** Creates the run and answers its id; fails unless the answer is 202. */
  static String start(String yaml, Object... extra) {
    Response created = create(body(yaml, extra));
    created.then().statusCode(202);
    return created.path("id");
  }

  static Response run(String id) {
    return given().get("/api/v1/pipeline-runs/" + id);
  }

  /** The job's step as {@code GET …/steps} shows it. */
  static Map<String, Object> step(String runId, String job) {
    List<Map<String, Object>> steps =
        given().get("/api/v1/pipeline-runs/" + runId + "/steps").path("value");
    return steps.stream()
        .filter(s -> s.get("id").equals(job))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + job));
  }

  static String state(String runId, String job) {
    return (String) step(runId, job).get("state");
  }

  /** The dispatch id (the gateway's run id) of attempt {@code attempt} of {@code job}. */
  @SuppressWarnings("unchecked")
  static String dispatchId(String runId, String job, int attempt) {
    List<Map<String, Object>> attempts =
        (List<Map<String, Object>>) step(runId, job).get("attempts");
    if (attempts.size() < attempt) {
      throw new AssertionError(job + " has " + attempts.size() + " attempts");
    }
    return (String) attempts.get(attempt - 1).get("dispatchId");
  }

  static void awaitState(String runId, String job, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> org.assertj.core.api.Assertions.assertThat(state(runId, job)).isEqualTo(state));
  }

  static void awaitStatus(String runId, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> run(runId).then().body("status", equalTo(status)));
  }

  static Response act(String runId, String action, String body) {
    var request = given().contentType("application/json");
    if (body != null) {
      request = request.body(body);
    }
    return request.post("/api/v1/pipeline-runs/" + runId + "/steps:" + action);
  }
}
