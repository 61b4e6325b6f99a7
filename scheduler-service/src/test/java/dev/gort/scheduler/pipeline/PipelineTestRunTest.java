package dev.gort.scheduler.pipeline;

import static dev.gort.scheduler.pipeline.Pipelines.dispatchId;
import static dev.gort.scheduler.pipeline.Pipelines.name;
import static dev.gort.scheduler.pipeline.Pipelines.state;
import static dev.gort.scheduler.testing.Runs.path;
import static dev.gort.scheduler.testing.Runs.slug;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a test run of an experiment with a pipeline in its test configuration is a pipeline
 * run; one without keeps the single-job shape.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class PipelineTestRunTest extends KafkaTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String config(String slug) {
    return "/api/v1/experiments/" + slug + "/test-config";
  }

  /** The experiment's owner, as the source stub names it. */
  private static RequestSpecification owner(String slug) {
    return ApiTokens.as("owner-" + slug, "owner").contentType("application/json");
  }

  private static String body(Object... fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      body.put((String) fields[i], fields[i + 1]);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String twoStages(String name) {
    return "pipeline: "
        + name
        + "\nstages: [build, test]\njobs:\n"
        + "  compile: {stage: build, script: [make]}\n"
        + "  unit: {stage: test, needs: [compile], script: [make test]}\n";
  }

  @Test
  void aTestRunOfAnExperimentWithAPipelineIsAPipelineRunOfItsRevision() {
    String slug = slug();
    String name = name();
    owner(slug)
        .body(body("pipeline", twoStages(name)))
        .put(config(slug))
        .then()
        .statusCode(200)
        .body("stored", equalTo(true))
        .body("pipeline.pipeline", equalTo(name))
        .body("pipeline.stages", equalTo(List.of("build", "test")))
        .body("pipeline.jobs.unit.needs", equalTo(List.of("compile")));
    owner(slug).get(config(slug)).then().body("pipeline.jobs.compile.stage", equalTo("build"));

    Response run = owner(slug).post(path(slug));
    run.then()
        .statusCode(202)
        .body("pipeline", equalTo(name))
        .body("number", equalTo(1))
        .body("experiment", equalTo(slug))
        .body("commit", equalTo("rev-1"))
        .body("owner", equalTo("owner-" + slug))
        .body("status", equalTo("RUNNING"));
    String runId = run.path("id");
    assertThat(run.header("Location")).endsWith("/api/v1/pipeline-runs/" + runId);
    String operation = run.header("Operation-Location");
    assertThat(operation).isEqualTo("/api/v1/operations/" + run.path("operationId"));
    owner(slug).get(operation).then().statusCode(200).body("kind", equalTo("pipeline-run"));
    assertThat(state(runId, "compile")).isEqualTo("running");

    String compile = dispatchId(runId, "compile", 1);
    RunRequested requested =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_REQUESTED, compile, RunRequested.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(requested.experiment()).isEqualTo(slug);
    assertThat(requested.revision()).isEqualTo("rev-1");
    assertThat(requested.owner()).isEqualTo("owner-" + slug);
    // no test run was made: the experiment's test runs stay empty
    assertThat(
            given().queryParam("experiment", slug).get("/api/v1/test-runs").<List<?>>path("value"))
        .isEmpty();
    // another owner reaches neither
    ApiTokens.as("bob", "owner").get("/api/v1/pipeline-runs/" + runId).then().statusCode(404);

    // a run's runner, kind or settings do not apply to a pipeline's jobs
    owner(slug)
        .body("{\"runner\": \"sim\"}")
        .post(path(slug))
        .then()
        .statusCode(400)
        .body("detail", containsString("holds a pipeline"));

    // without the pipeline, a test run is a single job again
    owner(slug).body("{}").put(config(slug)).then().statusCode(200).body("pipeline", nullValue());
    owner(slug)
        .post(path(slug))
        .then()
        .statusCode(202)
        .body("experiment", equalTo(slug))
        .body("runner", notNullValue())
        .header("Location", containsString("/api/v1/test-runs/"));
  }

  @Test
  void anInvalidPipelineInATestConfigIs400ListingEveryProblemAndStoresNothing() {
    String slug = slug();
    String yaml =
        """
        pipeline: broken
        stages: [build]
        jobs:
          a: {stage: build, script: [x], needs: [b]}
          b: {stage: build, script: [y], needs: [a]}
          c: {stage: nowhere, script: [z]}
        """;
    Response refused = owner(slug).body(body("pipeline", yaml)).put(config(slug));
    refused
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("problemCount", equalTo(2))
        .body("problems.path", hasItem("jobs.c.stage"))
        .body("problems[0].line", notNullValue());
    assertThat(refused.<List<String>>path("problems.message").toString()).contains("a → b → a");
    owner(slug).get(config(slug)).then().body("stored", equalTo(false));

    owner(slug).body("{\"pipeline\": 7}").put(config(slug)).then().statusCode(400);
    // a job on a runner that runs no scripts is refused naming the job
    owner(slug)
        .body(
            body(
                "pipeline",
                "{pipeline: p, stages: [s], jobs: {a: {stage: s, script: [x], runner: sim}}}"))
        .put(config(slug))
        .then()
        .statusCode(400)
        .body("job", equalTo("a"));
    owner(slug).get(config(slug)).then().body("stored", equalTo(false));
    // with no pipeline, a test run is today's single job
    owner(slug)
        .post(path(slug))
        .then()
        .statusCode(202)
        .header("Location", containsString("/api/v1/test-runs/"));
  }
}
