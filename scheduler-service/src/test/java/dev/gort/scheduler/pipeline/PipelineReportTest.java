package dev.gort.scheduler.pipeline;

import static dev.gort.scheduler.pipeline.PipelineRunTest.completed;
import static dev.gort.scheduler.pipeline.PipelineRunTest.status;
import static dev.gort.scheduler.pipeline.Pipelines.awaitState;
import static dev.gort.scheduler.pipeline.Pipelines.dispatchId;
import static dev.gort.scheduler.pipeline.Pipelines.name;
import static dev.gort.scheduler.pipeline.Pipelines.start;
import static dev.gort.testsupport.ApiTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.gort.common.event.RunnerStatus;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.report.AttemptLog;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.report.PipelineReports;
import dev.gort.common.pipeline.run.Dispatch;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.RunOptions;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepSelector;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pipeline reports: remote runs' built from their engine, uploaded ones stored, both listed. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class PipelineReportTest extends KafkaTestBase {

  private static String twoStages(String name) {
    return "{pipeline: "
        + name
        + ", stages: [s, t], jobs: {a: {stage: s, script: [x]}, b: {stage: t, script: [y]}}}";
  }

  /** A local run's report of {@code twoStages(name)}: both jobs passed, run {@code run}. */
  static String localReport(String name, int run, Instant started) {
    PipelineEngine engine =
        PipelineEngine.create(new PipelineParser().parse(twoStages(name)), RunOptions.DEFAULT);
    engine.apply(StepAction.START, StepSelector.ALL, false, "alice", null, started);
    Instant at = started;
    for (int i = 0; i < 2; i++) {
      for (Dispatch d : engine.advance(at).dispatched()) {
        at = at.plusSeconds(1);
        engine.onResult(d.job(), d.attempt(), JobResult.success(), at);
      }
    }
    engine.advance(at);
    return PipelineReportJson.write(
        PipelineReports.of(
            engine,
            new PipelineReports.RunFacts(
                run,
                "https://git.example/demo.git",
                "abc123",
                PipelineReport.Where.LOCAL,
                started,
                at,
                List.of()),
            (job, attempt) -> AttemptLog.text("output of " + job, false)));
  }

  private static Response upload(String body, String key) {
    var request = given().contentType("application/json").body(body);
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/pipeline-reports");
  }

  @Test
  void aRemoteRunIsReportedInTheLocalFormatWithLogLinks() {
    ApiTokens.callAs("alice", "owner");
    String name = name();
    String runId = start(twoStages(name), "repository", "https://git.example/r.git");
    String a = dispatchId(runId, "a", 1);
    status(completed(a, RunnerStatus.PASSED, 0, "https://runner.example/logs/a/1"));
    awaitState(runId, "b", "running");

    Response report = given().get("/api/v1/pipeline-runs/" + runId + "/report");
    report
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("pipeline", equalTo(name))
        .body("run", equalTo(1))
        .body("repository", equalTo("https://git.example/r.git"))
        .body("where", equalTo("REMOTE"))
        .body("status", equalTo("RUNNING"))
        .body("stages[0].status", equalTo("SUCCEEDED"))
        .body("stages[1].status", equalTo("RUNNING"))
        .body("jobs[0].name", equalTo("a"))
        .body("jobs[0].state", equalTo("SUCCEEDED"))
        .body("jobs[0].attempts[0].succeeded", equalTo(true))
        .body("jobs[0].attempts[0].exit_code", equalTo(0))
        .body("jobs[0].attempts[0].log.url", equalTo("https://runner.example/logs/a/1"))
        .body("jobs[0].attempts[0].log.text", nullValue())
        .body("jobs[1].attempts[0].log", nullValue());
    // it reads as a local report does
    PipelineReport read = PipelineReportJson.read(report.asString());
    assertThat(read.where()).isEqualTo(PipelineReport.Where.REMOTE);

    as("bob", "owner").get("/api/v1/pipeline-runs/" + runId + "/report").then().statusCode(404);
    as("bob", "owner").get("/api/v1/pipeline-reports/" + runId).then().statusCode(404);
    given()
        .get("/api/v1/pipeline-reports/" + runId)
        .then()
        .statusCode(200)
        .body("origin", equalTo("remote"))
        .body("owner", equalTo("alice"))
        .body("report.pipeline", equalTo(name));
    given().get("/api/v1/pipeline-runs/" + UUID.randomUUID() + "/report").then().statusCode(404);
  }

  @Test
  void anUploadIsStoredOnceForItsKeyAndListedBesideRemoteRunsNewestFirst() {
    ApiTokens.callAs("alice", "owner");
    String name = name();
    String runId = start(twoStages(name));
    String local = localReport(name, 5, Instant.now().minus(1, ChronoUnit.HOURS));

    String key = UUID.randomUUID().toString();
    Response first = upload(local, key);
    first
        .then()
        .statusCode(201)
        .body("origin", equalTo("uploaded"))
        .body("owner", equalTo("alice"));
    String id = first.path("id");
    assertThat(first.header("Location")).endsWith("/api/v1/pipeline-reports/" + id);
    Response again = upload(local, key);
    again.then().statusCode(201);
    assertThat(again.<String>path("id")).isEqualTo(id);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

    Response read = given().get("/api/v1/pipeline-reports/" + id);
    read.then()
        .statusCode(200)
        .body("origin", equalTo("uploaded"))
        .body("uploadedDateTime", org.hamcrest.Matchers.notNullValue())
        .body("report.where", equalTo("LOCAL"))
        .body("report.run", equalTo(5))
        .body("report.jobs[1].attempts[0].log.text", equalTo("output of b"));

    Response listed = given().queryParam("pipeline", name).get("/api/v1/pipeline-reports");
    listed.then().statusCode(200);
    assertThat(listed.<List<String>>path("value.origin")).containsExactly("remote", "uploaded");
    assertThat(listed.<List<String>>path("value.id")).containsExactly(runId, id);
    assertThat(listed.<List<Integer>>path("value.report.run")).containsExactly(1, 5);

    // filters: run number, repository, and stage/job narrowing each report's jobs
    assertThat(
            given()
                .queryParam("pipeline", name)
                .queryParam("run", "5")
                .get("/api/v1/pipeline-reports")
                .<List<String>>path("value.id"))
        .containsExactly(id);
    assertThat(
            given()
                .queryParam("pipeline", name)
                .queryParam("repository", "https://git.example/demo.git")
                .get("/api/v1/pipeline-reports")
                .<List<String>>path("value.id"))
        .containsExactly(id);
    Response stage =
        given()
            .queryParam("pipeline", name)
            .queryParam("stage", "t")
            .get("/api/v1/pipeline-reports");
    assertThat(stage.<List<List<String>>>path("value.report.jobs.name"))
        .containsExactly(List.of("b"), List.of("b"));
    assertThat(stage.<List<List<String>>>path("value.report.stages.name"))
        .containsExactly(List.of("t"), List.of("t"));
    assertThat(
            given()
                .queryParam("pipeline", name)
                .queryParam("stage", "t")
                .queryParam("job", "a")
                .get("/api/v1/pipeline-reports")
                .<List<?>>path("value"))
        .isEmpty();
    assertThat(
            given()
                .queryParam("pipeline", name)
                .queryParam("job", "a")
                .get("/api/v1/pipeline-reports")
                .<List<List<String>>>path("value.report.jobs.name"))
        .containsExactly(List.of("a"), List.of("a"));

    // paged
    Response page =
        given()
            .queryParam("pipeline", name)
            .queryParam("$top", "1")
            .get("/api/v1/pipeline-reports");
    assertThat(page.<List<String>>path("value.id")).containsExactly(runId);
    assertThat(page.<String>path("nextLink")).contains("$skip=1").contains("pipeline=");
    assertThat(
            given()
                .queryParam("pipeline", name)
                .queryParam("$top", "1")
                .queryParam("$skip", "1")
                .get("/api/v1/pipeline-reports")
                .<List<String>>path("value.id"))
        .containsExactly(id);

    // owner-scoped: bob sees neither, operators both
    assertThat(
            as("bob", "owner")
                .queryParam("pipeline", name)
                .get("/api/v1/pipeline-reports")
                .<List<?>>path("value"))
        .isEmpty();
    as("bob", "owner").get("/api/v1/pipeline-reports/" + id).then().statusCode(404);
    ApiTokens.callAsOperator();
    assertThat(
            given()
                .queryParam("pipeline", name)
                .get("/api/v1/pipeline-reports")
                .<List<String>>path("value.id"))
        .containsExactly(runId, id);
    given().get("/api/v1/pipeline-reports/" + id).then().statusCode(200);
  }

  @Test
  void aBadReportOrQueryIsAProblemAndStoresNothing() {
    String name = name();
    String local = localReport(name, 1, Instant.now());
    upload("{not json", null).then().statusCode(400).contentType("application/problem+json");
    upload(local.replace("\"version\" : 1", "\"version\" : 2"), null)
        .then()
        .statusCode(400)
        .body("detail", containsString("version 2"));
    upload(local.replaceFirst("\\{", "{\"colour\": \"red\","), null)
        .then()
        .statusCode(400)
        .body("detail", containsString("colour"));
    upload(local.replace("\"status\" : \"SUCCEEDED\"", "\"status\" : \"DREAMING\""), null)
        .then()
        .statusCode(400)
        .body("detail", containsString("status"))
        .body("detail", not(containsString("dev.gort")));
    upload("[]", null).then().statusCode(400);
    upload("", null).then().statusCode(400);
    given()
        .contentType("text/plain")
        .body(local)
        .post("/api/v1/pipeline-reports")
        .then()
        .statusCode(415);
    assertThat(
            given()
                .queryParam("pipeline", name)
                .get("/api/v1/pipeline-reports")
                .<List<?>>path("value"))
        .isEmpty();

    given()
        .queryParam("run", "x")
        .get("/api/v1/pipeline-reports")
        .then()
        .statusCode(400)
        .body("parameter", equalTo("run"));
    given().queryParam("run", "0").get("/api/v1/pipeline-reports").then().statusCode(400);
    given().queryParam("colour", "red").get("/api/v1/pipeline-reports").then().statusCode(400);
    given()
        .get("/api/v1/pipeline-reports/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
