package dev.gort.scheduler.pipeline;

import static dev.gort.scheduler.pipeline.PipelineRunTest.completed;
import static dev.gort.scheduler.pipeline.PipelineRunTest.status;
import static dev.gort.scheduler.pipeline.Pipelines.awaitStatus;
import static dev.gort.scheduler.pipeline.Pipelines.body;
import static dev.gort.scheduler.pipeline.Pipelines.create;
import static dev.gort.scheduler.pipeline.Pipelines.dispatchId;
import static dev.gort.scheduler.pipeline.Pipelines.name;
import static dev.gort.scheduler.pipeline.Pipelines.run;
import static dev.gort.scheduler.pipeline.Pipelines.start;
import static dev.gort.scheduler.pipeline.Pipelines.state;
import static dev.gort.testsupport.ApiTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who reaches pipeline runs, what a bad request gets, and pipeline runs as operations. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class PipelineAccessTest extends KafkaTestBase {

  @Inject AgroalDataSource dataSource;

  private static String simple(String name) {
    return "{pipeline: " + name + ", stages: [s], jobs: {a: {stage: s, script: [x]}}}";
  }

  @Test
  void anotherOwnersRunIsNotFound() {
    ApiTokens.callAs("alice", "owner");
    String name = name();
    Response created = create(body(simple(name)));
    created.then().statusCode(202).body("owner", equalTo("alice"));
    String runId = created.path("id");
    assertThat(created.header("Location")).endsWith("/api/v1/pipeline-runs/" + runId);
    String operation = created.header("Operation-Location");
    assertThat(operation).isEqualTo("/api/v1/operations/" + created.path("operationId"));

    as("bob", "owner").get("/api/v1/pipeline-runs/" + runId).then().statusCode(404);
    as("bob", "owner").get("/api/v1/pipeline-runs/" + runId + "/steps").then().statusCode(404);
    as("bob", "owner").get("/api/v1/pipeline-runs/" + runId + "/context").then().statusCode(404);
    as("bob", "owner")
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/pipeline-runs/" + runId + "/steps:pause")
        .then()
        .statusCode(404);
    as("bob", "owner").get(operation).then().statusCode(404);
    as("bob", "owner").delete(operation).then().statusCode(404);
    assertThat(
            as("bob", "owner")
                .queryParam("pipeline", name)
                .get("/api/v1/pipeline-runs")
                .<List<String>>path("value.id"))
        .isEmpty();
    assertThat(
            as("alice", "owner")
                .queryParam("pipeline", name)
                .get("/api/v1/pipeline-runs")
                .<List<String>>path("value.id"))
        .containsExactly(runId);
    // operators see everyone's
    ApiTokens.callAsOperator();
    run(runId).then().statusCode(200);
  }

  @Test
  void anInvalidPipelineIs400ListingEveryProblemAndStoresNothing() {
    String name = name();
    String yaml =
        """
        pipeline: %s
        stages: [build]
        jobs:
          a: {stage: build, script: [x], needs: [b]}
          b: {stage: build, script: [y], needs: [a]}
          c: {stage: nowhere, script: [z], colour: red}
        """
            .formatted(name);
    Response refused = create(body(yaml));
    refused
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("problemCount", equalTo(3))
        .body("problems.path", hasItem("jobs.c.stage"))
        .body("problems[0].line", notNullValue())
        .body("problems[0].column", notNullValue());
    assertThat(refused.<List<String>>path("problems.message").toString()).contains("a → b → a");
    assertThat(
            given()
                .queryParam("pipeline", name)
                .get("/api/v1/pipeline-runs")
                .<List<?>>path("value"))
        .isEmpty();

    create("{}").then().statusCode(400).body("detail", containsString("pipeline is required"));
    create("{\"pipeline\": 7}").then().statusCode(400);
    create("{\"pipeline\": \"x\", \"flavour\": 1}").then().statusCode(400);
  }

  @Test
  void theFileShapedJsonTheCliSendsIsAccepted() {
    String name = name();
    var json = PipelineJson.toJsonNode(new PipelineParser().parse(simple(name)));
    String body = "{\"pipeline\": " + json + ", \"repository\": \"https://git/x\"}";
    create(body).then().statusCode(202).body("pipeline", equalTo(name));
  }

  @Test
  void aJobOnARunnerThatRunsNoScriptsOrSettingsTheRunnerRefusesIs400NamingTheJob() {
    String name = name();
    String sim =
        "{pipeline: " + name + ", stages: [s], jobs: {a: {stage: s, script: [x], runner: sim}}}";
    create(body(sim))
        .then()
        .statusCode(400)
        .body("detail", containsString("job a"))
        .body("detail", containsString("local"))
        .body("job", equalTo("a"));

    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 51; i++) {
      many.append(i == 0 ? "" : ", ").append("step").append(i);
    }
    String tooMany =
        "{pipeline: " + name + ", stages: [s], jobs: {big: {stage: s, script: " + many + "]}}}";
    create(body(tooMany))
        .then()
        .statusCode(400)
        .body("detail", containsString("job big"))
        .body("detail", containsString("commands"));
    assertThat(
            given()
                .queryParam("pipeline", name)
                .get("/api/v1/pipeline-runs")
                .<List<?>>path("value"))
        .isEmpty();
  }

  @Test
  void anIdempotencyKeyAnswersTheFirstRunAgain() {
    String body = body(simple(name()));
    Response first =
        given()
            .contentType("application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(body)
            .post("/api/v1/pipeline-runs");
    String key = UUID.randomUUID().toString();
    Response a =
        given()
            .contentType("application/json")
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/pipeline-runs");
    Response b =
        given()
            .contentType("application/json")
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/pipeline-runs");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(b.statusCode()).isEqualTo(202);
    assertThat(b.<String>path("id")).isEqualTo(a.path("id"));
    assertThat(b.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void pipelineRunsAreOperationsThatDeleteCancels() {
    String name = name();
    String runId =
        start(
            "{pipeline: "
                + name
                + ", stages: [s, t], jobs: {a: {stage: s, script: [x]}, b: {stage: t, script: [y]}}}");
    String operationId = run(runId).path("operationId");
    Response listed =
        given()
            .queryParam("$filter", "kind eq 'pipeline-run' and status eq 'running'")
            .queryParam("$top", "1000")
            .get("/api/v1/operations");
    assertThat(listed.<List<String>>path("value.id")).contains(operationId);
    given()
        .get("/api/v1/operations/" + operationId)
        .then()
        .body("kind", equalTo("pipeline-run"))
        .body("status", equalTo("running"))
        .body("percentComplete", equalTo(0))
        .header("Retry-After", notNullValue());

    given()
        .delete("/api/v1/operations/" + operationId)
        .then()
        .statusCode(202)
        .body("status", equalTo("cancelled"))
        .body("error.code", equalTo("Cancelled"));
    String a = dispatchId(runId, "a", 1);
    CancelRequested cancel =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_CANCEL_REQUESTED, a, CancelRequested.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(cancel.reason()).isEqualTo("cancelled by ops");
    run(runId).then().body("status", equalTo("CANCELLED"));
    assertThat(state(runId, "b")).isEqualTo("skipped");
    given().delete("/api/v1/operations/" + operationId).then().statusCode(202);
    assertThat(kafka.events(Topics.RUNS_CANCEL_REQUESTED, a, CancelRequested.class)).hasSize(1);

    // a run that succeeded cannot be cancelled
    String done = start(simple(name()));
    status(completed(dispatchId(done, "a", 1), RunnerStatus.PASSED, null, null));
    awaitStatus(done, "SUCCEEDED");
    given()
        .delete("/api/v1/operations/" + run(done).<String>path("operationId"))
        .then()
        .statusCode(409);
  }

  @Test
  void theStoredOperationStatusAgreesWithTheMappingForEveryStatus() throws Exception {
    for (RunStatus status : RunStatus.values()) {
      String id = UUID.randomUUID().toString();
      try (Connection c = dataSource.getConnection();
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO pipeline_run (id, operation_id, pipeline, number, spec,"
                      + " max_parallel, pause_on_failure, steps, status, percent_complete,"
                      + " created_at, updated_at) VALUES (?, ?, ?, 1, '{}', 0, false, '[]', ?,"
                      + " 0, now(), now())")) {
        insert.setString(1, id);
        insert.setString(2, id);
        insert.setString(3, name());
        insert.setString(4, status.name());
        insert.executeUpdate();
        try (PreparedStatement read =
            c.prepareStatement(
                "SELECT operation_status, operation_progress FROM pipeline_run WHERE id = ?")) {
          read.setString(1, id);
          try (ResultSet row = read.executeQuery()) {
            row.next();
            assertThat(row.getString(1))
                .as(status.name())
                .isEqualTo(PipelineOperationStatus.status(status));
            assertThat(row.getInt(2)).isEqualTo(PipelineOperationStatus.progress(status));
          }
        }
        try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM pipeline_run WHERE id = ?")) {
          delete.setString(1, id);
          delete.executeUpdate();
        }
      }
    }
  }

  @Test
  void listsAreFilteredAndPaged() {
    String name = name();
    start(simple(name), "experiment", "exp-z");
    start(simple(name));
    start(simple(name));
    Response page =
        given().queryParam("pipeline", name).queryParam("$top", "2").get("/api/v1/pipeline-runs");
    assertThat(page.<List<Integer>>path("value.number")).containsExactly(3, 2);
    assertThat(page.<String>path("nextLink")).contains("$skip=2");
    assertThat(
            given()
                .queryParam("pipeline", name)
                .queryParam("experiment", "exp-z")
                .get("/api/v1/pipeline-runs")
                .<List<Integer>>path("value.number"))
        .containsExactly(1);
    given().queryParam("status", "DREAMING").get("/api/v1/pipeline-runs").then().statusCode(400);
    given().queryParam("colour", "red").get("/api/v1/pipeline-runs").then().statusCode(400);
    assertThat(
            given()
                .queryParam("pipeline", name)
                .queryParam("status", "RUNNING")
                .get("/api/v1/pipeline-runs")
                .<List<Map<String, Object>>>path("value"))
        .hasSize(3);
  }
}
