package dev.gort.localrunner.job;

import static dev.gort.localrunner.testing.Jobs.asGateway;
import static dev.gort.localrunner.testing.Jobs.awaitFile;
import static dev.gort.localrunner.testing.Jobs.awaitFinished;
import static dev.gort.localrunner.testing.Jobs.job;
import static dev.gort.localrunner.testing.Jobs.pids;
import static dev.gort.localrunner.testing.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.process.ProcessTree;
import dev.gort.common.signature.HmacSignature;
import dev.gort.localrunner.testing.AgentResource;
import dev.gort.localrunner.testing.GatewayStub;
import dev.gort.localrunner.testing.Jobs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real jobs, real processes: every outcome, and what a job cannot do to the agent. */
@QuarkusTest
@QuarkusTestResource(AgentResource.class)
class JobExecutionTest {

  @Test
  void passingJobReportsPassedWithASignedCallbackAndResults() {
    Map<String, Object> job =
        job("echo hello from gort", "test \"$HOME\" = \"$PWD\" && env > env.txt");
    String id = submit(job);
    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("passed");
    assertThat(done.getInt("exitCode")).isZero();

    String attempt = (String) job.get("attemptId");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !GatewayStub.get().receivedFor(attempt).isEmpty());
    GatewayStub.Received callback = GatewayStub.get().receivedFor(attempt).get(0);
    assertThat(
            HmacSignature.verifyCallback(
                Jobs.SECRET, "tok-" + attempt, callback.body(), callback.signature()))
        .isTrue();
    assertThat(
            HmacSignature.verifyCallback(
                Jobs.SECRET, "another-token", callback.body(), callback.signature()))
        .isFalse();
    JsonPath body = new JsonPath(new String(callback.body(), StandardCharsets.UTF_8));
    assertThat(body.getString("jobId")).isEqualTo(id);
    assertThat(body.getString("status")).isEqualTo("passed");
    assertThat(body.getString("runId")).isEqualTo("run-1");
    assertThat(body.getInt("attempt")).isEqualTo(1);

    URI results = URI.create(body.getString("resultsUrl"));
    JsonPath doc =
        given()
            .get(results.getRawPath() + "?" + results.getRawQuery())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(doc.getString("jobId")).isEqualTo(id);
    assertThat(doc.getList("tests.status")).containsExactly("passed", "passed");

    URI log = URI.create(done.getString("logUrl"));
    String text =
        given()
            .get(log.getRawPath() + "?" + log.getRawQuery())
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(text).contains("hello from gort");
  }

  @Test
  void commandsSeeOnlyTheirOwnEnvironmentNeverTheAgentsSecrets() throws Exception {
    Map<String, Object> job = job("env > env.txt");
    job.put("env", Map.of("GREETING", "hi there"));
    String id = submit(job);
    assertThat(awaitFinished(id).getString("outcome")).isEqualTo("passed");
    String env = java.nio.file.Files.readString(Jobs.workDir(id).resolve("env.txt"));
    assertThat(env).contains("GREETING=hi there", "GORT_RESULTS_FILE=", "GORT_JOB_ID=" + id);
    assertThat(env).doesNotContain(Jobs.TOKEN, Jobs.SECRET);
  }

  @Test
  void nonZeroExitFailsTheJobAndSkipsTheRest() {
    String id = submit(job("true", "echo partial; exit 3", "echo never-printed"));
    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("failed");
    assertThat(done.getInt("exitCode")).isEqualTo(3);
    assertThat(done.getString("detail")).isEqualTo("command 2 exited with 3");
    URI results = URI.create(done.getString("resultsUrl"));
    JsonPath doc =
        given()
            .get(results.getRawPath() + "?" + results.getRawQuery())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(doc.getList("tests.status")).containsExactly("passed", "failed", "skipped");
  }

  @Test
  void theCallbackCarriesTheExitCodeOfTheFailingCommand() {
    Map<String, Object> job = job("true", "exit 3", "echo never-run");
    String id = submit(job);
    assertThat(awaitFinished(id).getString("outcome")).isEqualTo("failed");
    String attempt = (String) job.get("attemptId");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !GatewayStub.get().receivedFor(attempt).isEmpty());
    JsonPath body =
        new JsonPath(
            new String(
                GatewayStub.get().receivedFor(attempt).get(0).body(), StandardCharsets.UTF_8));
    assertThat(body.getString("status")).isEqualTo("failed");
    assertThat(body.getInt("exitCode")).isEqualTo(3);
    assertThat(body.getString("detail")).isEqualTo("command 2 exited with 3");
  }

  @Test
  void resultsTheJobWroteAreServedAsTheyAre() {
    String id =
        submit(
            job(
                "printf '{\"jobId\":\"%s\",\"experiment\":\"demo\",\"tests\":[{\"name\":\"smoke\",\"status\":\"passed\",\"durationMs\":5}]}' \"$GORT_JOB_ID\" > \"$GORT_RESULTS_FILE\""));
    JsonPath done = awaitFinished(id);
    URI results = URI.create(done.getString("resultsUrl"));
    JsonPath doc =
        given()
            .get(results.getRawPath() + "?" + results.getRawQuery())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(doc.getList("tests.name")).containsExactly("smoke");
  }

  @Test
  void aResultsFileThatLinksElsewhereIsNotServed() {
    String id = submit(job("ln -s /etc/passwd \"$GORT_RESULTS_FILE\""));
    JsonPath done = awaitFinished(id);
    URI results = URI.create(done.getString("resultsUrl"));
    String body =
        given()
            .get(results.getRawPath() + "?" + results.getRawQuery())
            .then()
            .statusCode(422)
            .extract()
            .asString();
    assertThat(body).doesNotContain("root:");
  }

  @Test
  void timeoutEndsTheWholeProcessTree() throws Exception {
    Map<String, Object> job =
        job(
            "sh -c 'sleep 100 & echo $! > grandchild.pid; sleep 100' & echo $! > child.pid;"
                + " (sleep 100 & echo $! > orphan.pid); sleep 100");
    job.put("timeout", "PT2S");
    String id = submit(job);
    awaitFile(id, "grandchild.pid");
    awaitFile(id, "orphan.pid");
    List<Long> pids = pids(id, "child.pid", "grandchild.pid", "orphan.pid");
    assertThat(pids).allMatch(ProcessTree::running);

    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("timeout");
    assertThat(done.getString("detail")).contains("timed out after PT2S");
    assertThat(pids).noneMatch(ProcessTree::running);
  }

  @Test
  void cancelEndsTheWholeTreeAndASecondCancelFindsItHalted() throws Exception {
    String id =
        submit(
            job(
                "sh -c 'sleep 100 & echo $! > grandchild.pid; sleep 100' & echo $! > child.pid; sleep 100"));
    awaitFile(id, "grandchild.pid");
    List<Long> pids = pids(id, "child.pid", "grandchild.pid");
    assertThat(pids).allMatch(ProcessTree::running);

    asGateway().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(202);
    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("cancelled");
    assertThat(pids).noneMatch(ProcessTree::running);

    asGateway().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(200);
    assertThat(Jobs.status(id).getString("outcome")).isEqualTo("cancelled");
  }

  @Test
  void whatACommandLeavesRunningIsEndedWhenItExits() throws Exception {
    String id = submit(job("sleep 100 > /dev/null 2>&1 & echo $! > left.pid", "true"));
    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("passed");
    assertThat(pids(id, "left.pid")).noneMatch(ProcessTree::running);
  }

  @Test
  void outputFloodIsCappedAndTheJobStillEnds() throws Exception {
    String id =
        submit(job("head -c 3000000 /dev/zero | tr '\\0' a; echo; echo after-the-$((1+1))"));
    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("passed");
    URI log = URI.create(done.getString("logUrl"));
    String text =
        given()
            .get(log.getRawPath() + "?" + log.getRawQuery())
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(text.length()).isLessThan(65536 + 4096);
    assertThat(text)
        .contains("output past 65536 bytes is dropped")
        .doesNotContain("after-the-flood");
  }

  @Test
  void aCrashingCommandFailsItsJobAndTheAgentGoesOn() {
    String id = submit(job("kill -SEGV $$"));
    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("failed");
    assertThat(done.getInt("exitCode")).isEqualTo(139);
    assertThat(awaitFinished(submit(job("true"))).getString("outcome")).isEqualTo("passed");
  }

  @Test
  void aCommandThatCannotBeFoundFailsTheJob() {
    JsonPath done = awaitFinished(submit(job("no-such-command-anywhere")));
    assertThat(done.getString("outcome")).isEqualTo("failed");
    assertThat(done.getInt("exitCode")).isEqualTo(127);
  }

  @Test
  void anImageWithoutAContainerEngineIsAnInfraFailureSayingWhy() {
    Map<String, Object> job = job("true");
    job.put("image", "alpine:3.20");
    JsonPath done = awaitFinished(submit(job));
    assertThat(done.getString("outcome")).isEqualTo("infra-failure");
    assertThat(done.getString("detail"))
        .contains("image alpine:3.20 needs a container engine")
        .contains("images-on-host");
  }

  @Test
  void workdirIsCreatedInsideTheJobsDirectory() throws Exception {
    Map<String, Object> job = job("pwd > where.txt");
    job.put("workdir", "src/app");
    String id = submit(job);
    assertThat(awaitFinished(id).getString("outcome")).isEqualTo("passed");
    assertThat(java.nio.file.Files.readString(Jobs.workDir(id).resolve("src/app/where.txt")).trim())
        .isEqualTo(Jobs.workDir(id).resolve("src/app").toString());
  }
}
