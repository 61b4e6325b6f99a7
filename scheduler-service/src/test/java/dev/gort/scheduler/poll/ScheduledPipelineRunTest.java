package dev.gort.scheduler.poll;

import static dev.gort.scheduler.testing.SourceScript.experiment;
import static dev.gort.scheduler.testing.SourceScript.serve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.experiment.SourceExperiment;
import dev.gort.scheduler.poll.ScheduledRuns.Decision;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.scheduler.testing.RunTable;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 and seed 000's "Github Scheduler": a scheduled run of an experiment whose test
 * configuration holds a pipeline is a pipeline run, which counts as its revision's run and, while
 * unfinished, keeps a new revision waiting; without a pipeline a scheduled run is a single job.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class ScheduledPipelineRunTest extends KafkaTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ExperimentPoller poller;
  @Inject ScheduledRuns scheduled;
  @Inject DataSource db;

  @AfterEach
  void sourceBackToNormal() {
    serve();
  }

  @Test
  void aReadyExperimentWithAPipelineGetsOnePipelineRunForItsRevision() {
    String slug = slug();
    String name = "sched-" + UUID.randomUUID().toString().substring(0, 8);
    configurePipeline(slug, name);
    serve(experiment(slug, "r1", true));

    PollView poll = poller.pollOnce();

    assertThat(poll.runsCreated()).isEqualTo(1);
    assertThat(RunTable.runsPerRevision(db, slug)).isEmpty();
    List<Map<String, Object>> runs = pipelineRuns(slug);
    assertThat(runs).hasSize(1);
    Map<String, Object> run = runs.get(0);
    assertThat(run)
        .containsEntry("pipeline", name)
        .containsEntry("number", 1)
        .containsEntry("experiment", slug)
        .containsEntry("commit", "r1")
        .containsEntry("owner", "owner-" + slug)
        .containsEntry("status", "RUNNING");
    String runId = (String) run.get("id");
    String operationId = (String) run.get("operationId");
    assertThat(claimedPipelineRun(slug, "r1")).isEqualTo(runId);
    assertThat(
            given()
                .queryParam("$filter", "kind eq 'pipeline-run'")
                .queryParam("$top", "1000")
                .get("/api/v1/operations")
                .<List<String>>path("value.id"))
        .contains(operationId);
    given().get("/api/v1/operations/" + operationId).then().body("kind", equalTo("pipeline-run"));
    // the owner sees it, and its experiment is not idle while it runs
    owner(slug).get("/api/v1/pipeline-runs/" + runId).then().statusCode(200);
    owner(slug).get("/api/v1/experiments").then().body("value[0].state", equalTo("RUNNING"));

    String compile = dispatchId(runId, "compile");
    RunRequested requested =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_REQUESTED, compile, RunRequested.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(requested.experiment()).isEqualTo(slug);
    assertThat(requested.revision()).isEqualTo("r1");
    assertThat(requested.owner()).isEqualTo("owner-" + slug);

    // the same revision again: nothing new
    PollView second = poller.pollOnce();
    assertThat(second.runsCreated()).isZero();
    assertThat(scheduled.startIfDue(source(slug, "r1"), "test-" + slug))
        .isEqualTo(Decision.ALREADY_TESTED);
    assertThat(pipelineRuns(slug)).hasSize(1);
    assertThat(RunTable.runsPerRevision(db, slug)).isEmpty();
  }

  @Test
  void aNewRevisionWaitsWhileThePipelineRunIsUnfinished() {
    String slug = slug();
    configurePipeline(slug, "sched-" + UUID.randomUUID().toString().substring(0, 8));
    serve(experiment(slug, "r1", true));
    poller.pollOnce();
    Map<String, Object> first = pipelineRuns(slug).get(0);

    serve(experiment(slug, "r2", true));
    PollView whileBusy = poller.pollOnce();

    assertThat(whileBusy.runsCreated()).isZero();
    assertThat(whileBusy.status()).isEqualTo("SUCCEEDED");
    assertThat(scheduled.startIfDue(source(slug, "r2"), "test-" + slug)).isEqualTo(Decision.BUSY);
    assertThat(pipelineRuns(slug)).hasSize(1);

    // once it is cancelled (finished), the new revision gets its own pipeline run
    given()
        .delete("/api/v1/operations/" + first.get("operationId"))
        .then()
        .statusCode(202)
        .body("status", equalTo("cancelled"));
    owner(slug).get("/api/v1/experiments").then().body("value[0].state", equalTo("IDLE"));
    PollView afterwards = poller.pollOnce();

    assertThat(afterwards.runsCreated()).isEqualTo(1);
    List<Map<String, Object>> runs = pipelineRuns(slug);
    assertThat(runs).extracting(r -> r.get("commit")).containsExactly("r2", "r1");
    assertThat(runs).extracting(r -> r.get("number")).containsExactly(2, 1);
    assertThat(claimedPipelineRun(slug, "r2")).isEqualTo(runs.get(0).get("id"));
    assertThat(RunTable.runsPerRevision(db, slug)).isEmpty();
  }

  @Test
  void aTriggeredPipelineTestRunOfTheRevisionCountsAsTested() {
    // the source stub serves every exp-* slug at revision rev-1 to the trigger endpoint
    String slug = slug();
    configurePipeline(slug, "sched-" + UUID.randomUUID().toString().substring(0, 8));
    owner(slug).post("/api/v1/experiments/" + slug + "/test-runs").then().statusCode(202);
    serve(experiment(slug, "rev-1", true));

    PollView poll = poller.pollOnce();

    assertThat(poll.runsCreated()).isZero();
    assertThat(scheduled.startIfDue(source(slug, "rev-1"), "test-" + slug))
        .isEqualTo(Decision.ALREADY_TESTED);
    assertThat(pipelineRuns(slug)).hasSize(1);
    assertThat(RunTable.runsPerRevision(db, slug)).isEmpty();
  }

  @Test
  void concurrentClaimsOfOneRevisionLetExactlyOneCreateThePipelineRun() throws Exception {
    ExecutorService replicas = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String slug = slug();
        configurePipeline(slug, "sched-" + UUID.randomUUID().toString().substring(0, 8));
        SourceExperiment experiment = source(slug, "r1");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Decision> replica =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return scheduled.startIfDue(experiment, "poll-" + UUID.randomUUID());
            };
        Future<Decision> a = replicas.submit(replica);
        Future<Decision> b = replicas.submit(replica);

        List<Decision> decisions =
            List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));

        assertThat(decisions).as(slug).containsOnlyOnce(Decision.CREATED);
        assertThat(pipelineRuns(slug)).as(slug).hasSize(1);
        assertThat(RunTable.runsPerRevision(db, slug)).as(slug).isEmpty();
      }
    } finally {
      replicas.shutdownNow();
    }
  }

  @Test
  void anExperimentWithoutAPipelineStillGetsASingleJobTestRun() {
    String slug = slug();
    owner(slug)
        .body("{\"kind\": \"test\"}")
        .put("/api/v1/experiments/" + slug + "/test-config")
        .then()
        .statusCode(200);
    serve(experiment(slug, "r1", true));

    PollView poll = poller.pollOnce();

    assertThat(poll.runsCreated()).isEqualTo(1);
    assertThat(RunTable.runsPerRevision(db, slug)).isEqualTo(Map.of("r1", 1));
    assertThat(pipelineRuns(slug)).isEmpty();
    assertThat(claimedPipelineRun(slug, "r1")).isNull();
  }

  /** Stores a two-stage pipeline in the experiment's test configuration, as its owner. */
  private static void configurePipeline(String slug, String name) {
    String yaml =
        "pipeline: "
            + name
            + "\nstages: [build, test]\njobs:\n"
            + "  compile: {stage: build, script: [make]}\n"
            + "  unit: {stage: test, needs: [compile], script: [make test]}\n";
    try {
      owner(slug)
          .body(JSON.writeValueAsString(Map.of("pipeline", yaml)))
          .put("/api/v1/experiments/" + slug + "/test-config")
          .then()
          .statusCode(200)
          .body("pipeline.pipeline", equalTo(name));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The experiment's owner, as the source stub names it. */
  private static RequestSpecification owner(String slug) {
    return ApiTokens.as("owner-" + slug, "owner").contentType("application/json");
  }

  /** The experiment's pipeline runs, latest first. */
  private static List<Map<String, Object>> pipelineRuns(String slug) {
    return given()
        .queryParam("experiment", slug)
        .get("/api/v1/pipeline-runs")
        .then()
        .statusCode(200)
        .extract()
        .path("value");
  }

  @SuppressWarnings("unchecked")
  private static String dispatchId(String runId, String job) {
    List<Map<String, Object>> steps =
        given().get("/api/v1/pipeline-runs/" + runId + "/steps").path("value");
    Map<String, Object> step =
        steps.stream().filter(s -> s.get("id").equals(job)).findFirst().orElseThrow();
    List<Map<String, Object>> attempts = (List<Map<String, Object>>) step.get("attempts");
    return (String) attempts.get(0).get("dispatchId");
  }

  /** The pipeline run the claim of (experiment, revision) names, null when none. */
  private String claimedPipelineRun(String slug, String revision) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT pipeline_run_id, run_id FROM experiment_revision_claim"
                    + " WHERE experiment = ? AND revision = ?")) {
      s.setString(1, slug);
      s.setString(2, revision);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a claim of " + slug + " at " + revision).isTrue();
        String pipelineRun = rs.getString(1);
        if (pipelineRun != null) {
          assertThat(rs.getString(2)).as("a claim names one run").isNull();
        }
        return pipelineRun;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SourceExperiment source(String slug, String revision) {
    return new SourceExperiment(
        slug,
        "Experiment " + slug,
        "owner-" + slug,
        slug + "@example.com",
        revision,
        true,
        Instant.parse("2026-11-01T00:00:00Z"));
  }

  private static String slug() {
    return "exp-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
