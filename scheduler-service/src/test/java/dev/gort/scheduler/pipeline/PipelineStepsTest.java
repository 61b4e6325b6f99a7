package dev.gort.scheduler.pipeline;

import static dev.gort.scheduler.pipeline.PipelineRunTest.awaitRequested;
import static dev.gort.scheduler.pipeline.PipelineRunTest.completed;
import static dev.gort.scheduler.pipeline.PipelineRunTest.status;
import static dev.gort.scheduler.pipeline.Pipelines.act;
import static dev.gort.scheduler.pipeline.Pipelines.awaitState;
import static dev.gort.scheduler.pipeline.Pipelines.dispatchId;
import static dev.gort.scheduler.pipeline.Pipelines.name;
import static dev.gort.scheduler.pipeline.Pipelines.run;
import static dev.gort.scheduler.pipeline.Pipelines.start;
import static dev.gort.scheduler.pipeline.Pipelines.state;
import static dev.gort.scheduler.pipeline.Pipelines.step;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.gort.common.event.RunEvents.CancelRequested;
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
import org.junit.jupiter.api.Test;

/** seed 001's step actions on a pipeline run, over HTTP, with and without dry runs. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class PipelineStepsTest extends KafkaTestBase {

  private static String pipeline() {
    return """
        pipeline: %s
        stages: [build, test]
        jobs:
          compile: {stage: build, script: [make], tags: {suite: fast}}
          unit: {stage: test, script: [make test], tags: {suite: fast}}
          slow: {stage: test, script: [make slow], tags: {suite: slow}}
          approve: {stage: test, needs: [], script: [deploy], input: "Deploy?"}
        """
        .formatted(name());
  }

  @Test
  void aRunNotStartedWaitsUntilTheStartAction() {
    String runId = start(pipeline(), "start", false);
    run(runId).then().body("status", equalTo("NOT_STARTED"));

    act(runId, "start", "{\"dryRun\": true}")
        .then()
        .statusCode(200)
        .body("changed", equalTo(List.of("compile", "unit", "slow", "approve")))
        .body("dryRun", equalTo(true));
    assertThat(state(runId, "compile")).isEqualTo("ready");

    act(runId, "start", "{\"ids\": [\"compile\"]}")
        .then()
        .body("changed", equalTo(List.of("compile")))
        .body("dryRun", equalTo(false));
    assertThat(state(runId, "compile")).isEqualTo("running");
    awaitRequested(dispatchId(runId, "compile", 1));
    assertThat(state(runId, "unit")).isEqualTo("ready");
  }

  @Test
  void pauseSkipUnskipAndResumeFollowTheGuards() {
    String runId = start(pipeline());
    assertThat(state(runId, "compile")).isEqualTo("running");

    // resume is refused on steps that are not paused, each with its state and why
    Response refused = act(runId, "resume", "{\"tags\": {\"suite\": \"fast\"}}");
    refused.then().statusCode(200).body("changed", equalTo(List.of()));
    assertThat(refused.<List<String>>path("refused.id")).containsExactly("compile", "unit");
    assertThat(refused.<List<String>>path("refused.state")).containsExactly("running", "waiting");
    assertThat(refused.<String>path("refused[0].reason")).isNotBlank();

    // a running step is marked to pause; a dry run changes nothing
    act(runId, "pause", "{\"ids\": [\"compile\"], \"dryRun\": true}")
        .then()
        .body("changed", equalTo(List.of("compile")));
    assertThat(state(runId, "compile")).isEqualTo("running");
    act(runId, "pause", "{\"ids\": [\"compile\", \"nosuch\"]}")
        .then()
        .body("changed", equalTo(List.of("compile")))
        .body("refused[0].id", equalTo("nosuch"))
        .body("refused[0].reason", equalTo("no such step"));
    assertThat(state(runId, "compile")).isEqualTo("marked-to-pause");

    act(runId, "skip", "{\"tags\": {\"suite\": \"slow\"}}")
        .then()
        .body("changed", equalTo(List.of("slow")));
    assertThat(state(runId, "slow")).isEqualTo("marked-to-skip");
    given()
        .queryParam("action", "unskip")
        .get("/api/v1/pipeline-runs/" + runId + "/steps")
        .then()
        .body("value.id", equalTo(List.of("slow")));
    given()
        .queryParam("tag.suite", "slow")
        .get("/api/v1/pipeline-runs/" + runId + "/steps")
        .then()
        .body("value.id", equalTo(List.of("slow")));
    act(runId, "unskip", "{\"states\": [\"marked-to-skip\"]}")
        .then()
        .body("changed", equalTo(List.of("slow")));
    assertThat(state(runId, "slow")).isEqualTo("waiting");

    // the result of a step marked to pause is held; resume applies it
    status(completed(dispatchId(runId, "compile", 1), RunnerStatus.PASSED, null, null));
    awaitState(runId, "compile", "paused");
    assertThat(state(runId, "unit")).isEqualTo("waiting");
    act(runId, "resume", "{\"ids\": [\"compile\"]}")
        .then()
        .body("changed", equalTo(List.of("compile")));
    assertThat(state(runId, "compile")).isEqualTo("succeeded");
    assertThat(state(runId, "unit")).isEqualTo("running");
    assertThat(step(runId, "unit").get("allowedActions").toString()).contains("interrupt");
  }

  @Test
  void interruptHaltsTheJobAndRerunRequestsANewAttempt() {
    String runId = start(pipeline());
    String first = dispatchId(runId, "compile", 1);

    act(runId, "interrupt", "{\"ids\": [\"compile\"], \"dryRun\": true}")
        .then()
        .body("changed", equalTo(List.of("compile")));
    assertThat(kafka.events(Topics.RUNS_CANCEL_REQUESTED, first, CancelRequested.class)).isEmpty();

    act(runId, "interrupt", "{\"ids\": [\"compile\"]}")
        .then()
        .body("changed", equalTo(List.of("compile")));
    assertThat(state(runId, "compile")).isEqualTo("interrupted");
    CancelRequested cancel =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_CANCEL_REQUESTED, first, CancelRequested.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(cancel.reason()).isEqualTo("interrupt by ops");
    run(runId).then().body("status", equalTo("WAITING_FOR_USER"));

    act(runId, "rerun", "{\"ids\": [\"compile\"]}")
        .then()
        .body("changed", equalTo(List.of("compile")));
    assertThat(state(runId, "compile")).isEqualTo("running");
    String second = dispatchId(runId, "compile", 2);
    awaitRequested(second);

    // the halted attempt's late word is only history; the new attempt's result moves on
    status(completed(first, RunnerStatus.FAILED, 1, null));
    status(completed(second, RunnerStatus.PASSED, null, null));
    awaitState(runId, "compile", "succeeded");
    assertThat(step(runId, "compile").get("attempts").toString()).contains("interrupted=true");
  }

  @Test
  void aStepWithAPromptWaitsForItsMessage() {
    String runId = start(pipeline());
    given()
        .get("/api/v1/pipeline-runs/" + runId + "/steps/waiting-for-input")
        .then()
        .statusCode(200)
        .body("value.id", equalTo(List.of("approve")))
        .body("value[0].input", equalTo("Deploy?"));

    act(runId, "send-message", "{\"ids\": [\"approve\"]}")
        .then()
        .body("changed", equalTo(List.of()))
        .body("refused[0].reason", containsString("needs a message"));
    act(runId, "send-message", "{\"ids\": [\"compile\"], \"message\": \"go\"}")
        .then()
        .body("refused[0].id", equalTo("compile"));
    act(runId, "send-message", "{\"ids\": [\"approve\"], \"message\": \"yes, deploy\"}")
        .then()
        .body("changed", equalTo(List.of("approve")));

    assertThat(state(runId, "approve")).isEqualTo("running");
    Response context = given().get("/api/v1/pipeline-runs/" + runId + "/context");
    context
        .then()
        .statusCode(200)
        .body("steps.approve.state", equalTo("running"))
        .body("steps.approve.messages[0].text", equalTo("yes, deploy"))
        .body("steps.approve.messages[0].actor", equalTo("ops"));
    assertThat(context.<Map<String, Object>>path("steps")).containsKeys("compile", "unit");
  }

  @Test
  void anUnknownActionIs404NamingTheActions() {
    String runId = start(pipeline());
    act(runId, "explode", "{}")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("send-message"))
        .body("actions", hasItem("rerun"));
    act("no-such-run", "pause", "{}").then().statusCode(404);
    given()
        .queryParam("state", "sleeping")
        .get("/api/v1/pipeline-runs/" + runId + "/steps")
        .then()
        .statusCode(400)
        .body("detail", containsString("marked-to-pause"));
    act(runId, "pause", "{\"colour\": \"red\"}").then().statusCode(400);
  }
}
