package dev.gort.scheduler.pipeline;

import static dev.gort.scheduler.pipeline.Pipelines.awaitState;
import static dev.gort.scheduler.pipeline.Pipelines.awaitStatus;
import static dev.gort.scheduler.pipeline.Pipelines.dispatchId;
import static dev.gort.scheduler.pipeline.Pipelines.name;
import static dev.gort.scheduler.pipeline.Pipelines.run;
import static dev.gort.scheduler.pipeline.Pipelines.start;
import static dev.gort.scheduler.pipeline.Pipelines.state;
import static dev.gort.scheduler.pipeline.Pipelines.step;
import static dev.gort.scheduler.testing.Runs.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Issue 13: a pipeline run driven by the gateway's events, as the scheduler sees them. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class PipelineRunTest extends KafkaTestBase {

  static String demo(String name) {
    return """
        pipeline: %s
        stages: [build, test]
        jobs:
          compile: {stage: build, script: [make], image: "maven:3.9", timeout: 10m}
          unit:
            stage: test
            needs: [compile]
            script: [make test]
            retry: {max: 1, when: [runner_system_failure]}
          lint: {stage: test, allow_failure: {exit_codes: [1]}, script: [make lint], on_failure: report-lint}
          report-lint: {stage: test, script: [./report.sh]}
        """
        .formatted(name);
  }

  @Test
  void firstStageIsRequestedWithTheJobsScriptAndTheRunSucceedsStageByStage() {
    String name = name();
    String runId = start(demo(name), "experiment", "exp-1", "commit", "abc123");

    Response created = run(runId);
    created
        .then()
        .body("number", equalTo(1))
        .body("status", equalTo("RUNNING"))
        .body("stages[0].name", equalTo("build"))
        .body("stages[0].status", equalTo("running"))
        .body("stages[1].status", equalTo("pending"));
    assertThat(state(runId, "compile")).isEqualTo("running");
    assertThat(state(runId, "unit")).isEqualTo("waiting");
    String compile = dispatchId(runId, "compile", 1);
    RunRequested requested = awaitRequested(compile);
    assertThat(requested.runner()).isEqualTo("local");
    assertThat(requested.kind()).isEqualTo("test");
    assertThat(requested.maxAttempts()).isEqualTo(1);
    assertThat(requested.experiment()).isEqualTo("exp-1");
    assertThat(requested.revision()).isEqualTo("abc123");
    assertThat(requested.settings())
        .containsEntry("commands", List.of("make"))
        .containsEntry("timeout", "PT10M")
        .containsEntry("image", "maven:3.9")
        .containsEntry(
            "env",
            Map.of(
                "PIPELINE_NAME", name,
                "PIPELINE_RUN", "1",
                "PIPELINE_RUN_ID", runId,
                "PIPELINE_STAGE", "build",
                "PIPELINE_JOB", "compile",
                "PIPELINE_JOB_ATTEMPT", "1",
                "PIPELINE_COMMIT", "abc123"));

    status(new RunDispatched(compile, 1, "local", "job-" + compile, null));
    status(completed(compile, RunnerStatus.PASSED, null, "http://logs/compile"));
    awaitState(runId, "unit", "running");
    assertThat(state(runId, "lint")).isEqualTo("running");
    assertThat(state(runId, "report-lint")).isEqualTo("waiting");
    assertThat(step(runId, "compile").get("attempts").toString())
        .contains("runnerJobId=job-" + compile)
        .contains("logUrl=http://logs/compile");

    status(completed(dispatchId(runId, "lint", 1), RunnerStatus.FAILED, 1, null));
    awaitState(runId, "report-lint", "running");
    assertThat(step(runId, "lint")).containsEntry("state", "failed");
    assertThat(step(runId, "lint")).containsEntry("allowedFailure", true);
    status(completed(dispatchId(runId, "unit", 1), RunnerStatus.PASSED, null, null));
    status(completed(dispatchId(runId, "report-lint", 1), RunnerStatus.PASSED, null, null));

    awaitStatus(runId, "SUCCEEDED");
    Response finished = run(runId);
    finished
        .then()
        .body("percentComplete", equalTo(100))
        .body("stages[0].status", equalTo("succeeded"))
        .body("stages[1].status", equalTo("succeeded"));
    assertThat(finished.<String>path("finishedDateTime")).isNotNull();
    given()
        .get("/api/v1/operations/" + finished.<String>path("operationId"))
        .then()
        .body("kind", equalTo("pipeline-run"))
        .body("status", equalTo("succeeded"))
        .body("resourceLocation", equalTo("/api/v1/pipeline-runs/" + runId));
  }

  @Test
  void runNumbersCountPerPipeline() {
    String name = name();
    String yaml = "{pipeline: " + name + ", stages: [s], jobs: {a: {stage: s, script: [x]}}}";
    start(yaml);
    String second = start(yaml);
    run(second).then().body("number", equalTo(2));
    String other = start(yaml.replace(name, name()));
    run(other).then().body("number", equalTo(1));
  }

  @Test
  void noMoreJobsRunAtOnceThanTheLimit() {
    StringBuilder yaml = new StringBuilder("{pipeline: " + name() + ", stages: [s], jobs: {");
    for (int i = 1; i <= 6; i++) {
      yaml.append(i == 1 ? "" : ", ").append("j").append(i).append(": {stage: s, script: [x]}");
    }
    String runId = start(yaml.append("}}").toString());

    List<String> running = states(runId, "running");
    assertThat(running).containsExactly("j1", "j2", "j3", "j4");
    status(completed(dispatchId(runId, "j2", 1), RunnerStatus.PASSED, null, null));
    awaitState(runId, "j5", "running");
    assertThat(state(runId, "j6")).isEqualTo("waiting");
  }

  @Test
  void aRetriedFailureClassIsRequestedAgainAndAFailureFailsTheRun() {
    String runId = start(demo(name()));
    status(completed(dispatchId(runId, "compile", 1), RunnerStatus.PASSED, null, null));
    awaitState(runId, "unit", "running");

    status(completed(dispatchId(runId, "unit", 1), RunnerStatus.INFRA_FAILURE, null, null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((List<?>) step(runId, "unit").get("attempts")).size() == 2);
    String second = dispatchId(runId, "unit", 2);
    assertThat(second).isNotEqualTo(dispatchId(runId, "unit", 1));
    assertThat(awaitRequested(second).settings().get("env").toString())
        .contains("PIPELINE_JOB_ATTEMPT=2");
    assertThat(awaitRequested(second).revision())
        .as("a run without a commit names itself: pipeline#number")
        .endsWith("#1");
    assertThat(state(runId, "unit")).isEqualTo("running");

    // a script failure is not in the job's retry classes
    status(completed(second, RunnerStatus.FAILED, 2, null));
    awaitState(runId, "unit", "failed");
    status(completed(dispatchId(runId, "lint", 1), RunnerStatus.PASSED, null, null));
    awaitStatus(runId, "FAILED");
    assertThat(step(runId, "report-lint")).containsEntry("state", "skipped");
    given()
        .get("/api/v1/operations/" + run(runId).<String>path("operationId"))
        .then()
        .body("status", equalTo("failed"));
  }

  @Test
  void onFailureRoutesToTheRemediationJobAndAnUnallowedExitCodeFails() {
    String runId = start(demo(name()));
    status(completed(dispatchId(runId, "compile", 1), RunnerStatus.PASSED, null, null));
    awaitState(runId, "lint", "running");

    // lint allows exit code 1 only
    status(completed(dispatchId(runId, "lint", 1), RunnerStatus.FAILED, 3, null));
    awaitState(runId, "report-lint", "running");
    assertThat(step(runId, "lint")).containsEntry("allowedFailure", false);
    assertThat(step(runId, "lint").get("attempts").toString())
        .contains("exitCode=3")
        .contains("failure=script_failure");
  }

  @Test
  void duplicateResultsAndTheWorkersVerdictChangeNothing() {
    String runId = start(demo(name()));
    String compile = dispatchId(runId, "compile", 1);
    status(completed(compile, RunnerStatus.PASSED, null, null));
    awaitState(runId, "unit", "running");
    String before = run(runId).asString();

    RecordMetadata again = status(completed(compile, RunnerStatus.FAILED, 1, null));
    RecordMetadata verdict =
        kafka.publish(
            Topics.RESULTS_EVALUATED,
            event(new RunEvaluated(compile, 1, Outcome.INFRA_FAILED, "no results", null)));
    await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumed(GROUP, again, verdict));

    assertThat(run(runId).asString()).isEqualTo(before);
  }

  @Test
  void timeoutsAndCancelsAtTheGatewayFailTheJobWithTheirClass() {
    String yaml =
        "{pipeline: "
            + name()
            + ", stages: [s], jobs: {slow: {stage: s, script: [x]}, gone: {stage: s, script: [y]},"
            + " late: {stage: s, script: [z]}}}";
    String runId = start(yaml);

    status(new RunTimedOut(dispatchId(runId, "slow", 1), 1, "local", "j", "no callback", false));
    status(new RunCancelled(dispatchId(runId, "gone", 1), 1, "local", "j", false, "runner lost"));
    status(completed(dispatchId(runId, "late", 1), RunnerStatus.TIMEOUT, null, null));

    awaitStatus(runId, "FAILED");
    assertThat(step(runId, "slow").get("attempts").toString())
        .contains("failure=stuck_or_timeout_failure");
    assertThat(step(runId, "gone").get("attempts").toString())
        .contains("failure=runner_system_failure")
        .contains("without Gort asking");
    assertThat(step(runId, "late").get("attempts").toString())
        .contains("failure=job_execution_timeout");
  }

  private static List<String> states(String runId, String state) {
    List<Map<String, Object>> steps =
        given()
            .queryParam("state", state)
            .get("/api/v1/pipeline-runs/" + runId + "/steps")
            .path("value");
    return steps.stream().map(s -> (String) s.get("id")).toList();
  }

  static RunRequested awaitRequested(String dispatchId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> kafka.events(Topics.RUNS_REQUESTED, dispatchId, RunRequested.class),
            l -> !l.isEmpty())
        .get(0);
  }

  static RunCompleted completed(String dispatchId, RunnerStatus status, Integer exit, String url) {
    return new RunCompleted(
        dispatchId, 1, "local", "job-" + dispatchId, status, url, null, null, null, exit);
  }

  static RecordMetadata status(dev.gort.common.event.GortEvent data) {
    return kafka.publish(Topics.RUNS_STATUS, event(data));
  }
}
