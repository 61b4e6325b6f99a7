package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "Pipelines" and "Step control" on the real stack: pipeline runs of small shell
 * pipelines on the {@code local} runner agent (real processes, marker files under a temporary
 * directory), through {@code POST /api/v1/pipeline-runs} and the run's view.
 *
 * <p>The semantics pipelines (stage order, parallel jobs, needs, allow_failure, retry classes,
 * failure routing, allowed exit codes) are independent of each other and of the step actions, so
 * they are all started at once before the tests ({@link #startTheSemanticsPipelines}) and each test
 * awaits and checks its own run. The step-action tests steer a run of their own while it runs.
 * Timings come from what the system records: each attempt's start and end as the scheduler saw
 * them, and the job's creation and end at the agent.
 *
 * <p>Every job that is meant to end by itself ends well within the stack's dispatch deadline
 * ({@link GortStack#DISPATCH_DEADLINE}, 5 s): the gateway times out an attempt still running then,
 * whatever the job's own {@code timeout}. The {@code sleep 60} jobs are interrupted or cancelled
 * within a second or two.
 */
class PipelineIT {

  private static final Duration FINISH = Duration.ofSeconds(60);
  private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  private static GortStack stack;
  private static Http.Session alice;
  private static Path markers;

  /** The runs {@link #startTheSemanticsPipelines} started, by name. */
  private static final Map<String, String> started = new LinkedHashMap<>();

  private static long batchStarted;

  @BeforeAll
  static void startTheSemanticsPipelines() throws Exception {
    stack = GortStack.shared();
    alice = Http.as(stack.token("alice"));
    markers = Files.createTempDirectory("gort-pipeline-it-");
    // the agent's commands may run as another user
    Files.setPosixFilePermissions(markers, PosixFilePermissions.fromString("rwxrwxrwx"));
    batchStarted = System.nanoTime();
    started.put("order", submit(ORDER).path("id").asText());
    started.put("needs", submit(NEEDS).path("id").asText());
    started.put("allowed", submit(ALLOWED).path("id").asText());
    started.put("failing", submit(FAILING).path("id").asText());
    started.put("retried", submit(RETRIED).path("id").asText());
    started.put("not-retried", submit(NOT_RETRIED).path("id").asText());
    started.put("links", submit(LINKS).path("id").asText());
    started.put("exit-codes", submit(EXIT_CODES).path("id").asText());
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "flow timing: %-22s %-44s %6d ms%n",
        "pipelines", "all pipeline ITs", (System.nanoTime() - batchStarted) / 1_000_000);
  }

  // ---------------------------------------------------------------- semantics

  private static final String ORDER =
      """
      pipeline: it-order
      stages: [build, test, report]
      jobs:
        left: {stage: build, script: ["sleep 2"]}
        right: {stage: build, script: ["sleep 2"]}
        check: {stage: test, script: ["true"]}
        summary: {stage: report, script: ["true"]}
      """;

  @Test
  void stagesRunInOrder() {
    JsonNode run = awaitFinal("order");

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(stageNames(run)).containsExactly("build", "test", "report");
    Instant buildEnded = latest(finished(run, "left"), finished(run, "right"));
    assertThat(started(run, "check")).isAfterOrEqualTo(buildEnded);
    assertThat(started(run, "summary")).isAfterOrEqualTo(finished(run, "check"));
    // the processes too: the agent got check's job after both build jobs had ended
    Instant buildProcessesEnded =
        latest(
            agentTime(run, "left", "finishedDateTime"),
            agentTime(run, "right", "finishedDateTime"));
    assertThat(agentTime(run, "check", "createdDateTime")).isAfterOrEqualTo(buildProcessesEnded);
    assertThat(agentTime(run, "summary", "createdDateTime"))
        .isAfterOrEqualTo(agentTime(run, "check", "finishedDateTime"));
    for (JsonNode stage : run.path("stages")) {
      assertThat(stage.path("status").asText()).as(stage.toString()).isEqualTo("succeeded");
    }
  }

  @Test
  void jobsOfAStageRunInParallel() {
    JsonNode run = awaitFinal("order");

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    // both `sleep 2` processes ran at the same time at the agent, and as the scheduler saw them
    assertOverlap(
        agentTime(run, "left", "createdDateTime"),
        agentTime(run, "left", "finishedDateTime"),
        agentTime(run, "right", "createdDateTime"),
        agentTime(run, "right", "finishedDateTime"));
    assertOverlap(
        started(run, "left"), finished(run, "left"), started(run, "right"), finished(run, "right"));
  }

  private static final String NEEDS =
      """
      pipeline: it-needs
      stages: [one, two]
      jobs:
        slow: {stage: one, script: ["sleep 3"]}
        early: {stage: one, script: ["true"]}
        follower: {stage: two, needs: [early], script: ["true"]}
        eager: {stage: two, needs: [], script: ["true"]}
        last: {stage: two, script: ["true"]}
      """;

  @Test
  void needsOverrideTheStageOrder() {
    JsonNode run = awaitFinal("needs");

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    // follower waits for what it needs only, not for the whole of stage one
    assertThat(started(run, "follower")).isAfterOrEqualTo(finished(run, "early"));
    assertThat(started(run, "follower")).isBefore(finished(run, "slow"));
    // the agent got follower's job once early's had ended (slow's end is not compared at the agent:
    // on a loaded machine a dispatch can take longer than slow's margin)
    assertThat(agentTime(run, "follower", "createdDateTime"))
        .isAfterOrEqualTo(agentTime(run, "early", "finishedDateTime"));
    // needs: [] starts at once, with the first stage
    assertThat(started(run, "eager")).isBeforeOrEqualTo(started(run, "slow"));
    assertThat(started(run, "eager")).isBefore(finished(run, "early"));
    // without needs, a job needs every job of the earlier stages
    assertThat(started(run, "last")).isAfterOrEqualTo(finished(run, "slow"));
  }

  private static final String ALLOWED =
      """
      pipeline: it-allowed
      stages: [check, after]
      jobs:
        lint: {stage: check, allow_failure: true, script: ["echo warnings", "exit 1"]}
        unit: {stage: check, script: ["true"]}
        publish: {stage: after, script: ["true"]}
      """;

  @Test
  void anAllowedFailureLetsTheRunSucceed() {
    JsonNode run = awaitFinal("allowed");

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode lint = step(run, "lint");
    assertThat(lint.path("state").asText()).isEqualTo("failed");
    assertThat(lint.path("allowedFailure").asBoolean()).isTrue();
    assertThat(lint.path("attempts").get(0).path("succeeded").asBoolean()).isFalse();
    assertThat(lint.path("attempts").get(0).path("failure").asText()).isEqualTo("script_failure");
    assertThat(state(run, "unit")).isEqualTo("succeeded");
    assertThat(state(run, "publish")).isEqualTo("succeeded");
    assertThat(stage(run, "check").path("status").asText()).isEqualTo("succeeded");
  }

  private static final String FAILING =
      """
      pipeline: it-failing
      stages: [build, deploy]
      jobs:
        broken: {stage: build, script: ["exit 1"], on_failure: [clean-up]}
        sibling: {stage: build, script: ["true"]}
        ship: {stage: deploy, script: ["touch %1$s/failing-ship"]}
        clean-up: {stage: deploy, script: ["touch %1$s/failing-clean-up"]}
      """;

  @Test
  void aFailureNotAllowedFailsTheRunAndLaterStagesDoNotRun() {
    JsonNode run = awaitFinal("failing");

    assertThat(run.path("status").asText()).isEqualTo("FAILED");
    JsonNode broken = step(run, "broken");
    assertThat(broken.path("state").asText()).isEqualTo("failed");
    assertThat(broken.path("allowedFailure").asBoolean()).isFalse();
    assertThat(broken.path("attempts")).hasSize(1);
    assertThat(state(run, "sibling")).isEqualTo("succeeded");
    JsonNode ship = step(run, "ship");
    assertThat(ship.path("state").asText()).isEqualTo("skipped");
    assertThat(ship.path("skipCause").asText()).isEqualTo("need-failed");
    assertThat(ship.path("attempts")).isEmpty();
    assertThat(markers.resolve("failing-ship")).doesNotExist();
    assertThat(stage(run, "build").path("status").asText()).isEqualTo("failed");
    // the failure routes to its clean-up, which runs although the run has failed
    assertThat(state(run, "clean-up")).isEqualTo("succeeded");
    assertThat(markers.resolve("failing-clean-up")).exists();
  }

  private static final String RETRIED =
      """
      pipeline: it-retried
      stages: [test]
      jobs:
        flaky:
          stage: test
          retry: {max: 1, when: [script_failure]}
          script:
            - "if [ ! -e %1$s/retried-once ]; then touch %1$s/retried-once; exit 1; fi"
      """;

  @Test
  void aRetryOfAMatchingFailureClassPassesAndTheStepIsFlaky() {
    JsonNode run = awaitFinal("retried");

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode flaky = step(run, "flaky");
    assertThat(flaky.path("state").asText()).isEqualTo("succeeded");
    assertThat(flaky.path("flaky").asBoolean()).isTrue();
    JsonNode attempts = flaky.path("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).path("succeeded").asBoolean()).isFalse();
    assertThat(attempts.get(0).path("failure").asText()).isEqualTo("script_failure");
    assertThat(attempts.get(1).path("succeeded").asBoolean()).isTrue();
    // each attempt is its own job at the agent
    assertThat(attempts.get(0).path("dispatchId").asText())
        .isNotEqualTo(attempts.get(1).path("dispatchId").asText());
  }

  private static final String NOT_RETRIED =
      """
      pipeline: it-not-retried
      stages: [test]
      jobs:
        failing:
          stage: test
          retry: {max: 2, when: [runner_system_failure, stuck_or_timeout_failure]}
          script: ["exit 1"]
      """;

  @Test
  void aFailureOfAnotherClassIsNotRetried() {
    JsonNode run = awaitFinal("not-retried");

    assertThat(run.path("status").asText()).isEqualTo("FAILED");
    JsonNode failing = step(run, "failing");
    assertThat(failing.path("state").asText()).isEqualTo("failed");
    assertThat(failing.path("attempts")).hasSize(1);
    assertThat(failing.path("attempts").get(0).path("failure").asText())
        .isEqualTo("script_failure");
    assertThat(failing.path("flaky").asBoolean()).isFalse();
  }

  private static final String LINKS =
      """
      pipeline: it-links
      stages: [work, follow-up]
      jobs:
        bad:
          stage: work
          allow_failure: true
          script: ["exit 1"]
          on_failure: [remediate]
          on_success: [celebrate-bad]
        good:
          stage: work
          script: ["true"]
          on_success: [announce]
          on_failure: [rescue]
        remediate: {stage: follow-up, script: ["touch %1$s/links-remediate"]}
        celebrate-bad: {stage: follow-up, script: ["touch %1$s/links-celebrate-bad"]}
        announce: {stage: follow-up, script: ["touch %1$s/links-announce"]}
        rescue: {stage: follow-up, script: ["touch %1$s/links-rescue"]}
      """;

  @Test
  void linksRouteEachOutcomeToItsJobAndOnlyThere() {
    JsonNode run = awaitFinal("links");

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    // on_failure fired for bad, on_success for good
    assertThat(state(run, "remediate")).isEqualTo("succeeded");
    assertThat(markers.resolve("links-remediate")).exists();
    assertThat(state(run, "announce")).isEqualTo("succeeded");
    assertThat(markers.resolve("links-announce")).exists();
    assertThat(started(run, "remediate")).isAfterOrEqualTo(finished(run, "bad"));
    // the links that did not fire: their jobs never ran
    for (String never : List.of("celebrate-bad", "rescue")) {
      JsonNode step = step(run, never);
      assertThat(step.path("state").asText()).as(never).isEqualTo("skipped");
      assertThat(step.path("skipCause").asText()).as(never).isEqualTo("link-not-fired");
      assertThat(step.path("attempts")).as(never).isEmpty();
      assertThat(markers.resolve("links-" + never)).doesNotExist();
    }
  }

  private static final String EXIT_CODES =
      """
      pipeline: it-exit-codes
      stages: [check]
      jobs:
        three: {stage: check, allow_failure: {exit_codes: [3]}, script: ["exit 3"]}
        four: {stage: check, allow_failure: {exit_codes: [3]}, script: ["exit 4"]}
      """;

  /**
   * Needs the exit code end to end: the agent's callback carries it, the gateway keeps it and
   * publishes it in {@code RunCompleted.exitCode} (contract 13b, wire decision 1). Without that
   * change the exit codes arrive null, {@code three}'s failure is not allowed and this test fails
   * at its first assertion.
   */
  @Test
  void allowedExitCodesAllowThoseAndNoOthers() {
    JsonNode run = awaitFinal("exit-codes");

    JsonNode three = step(run, "three");
    JsonNode four = step(run, "four");
    assertThat(three.path("attempts").get(0).path("exitCode").isNumber())
        .as("RunCompleted carries the job's exit code (gateway change, contract 13b decision 1)")
        .isTrue();
    assertThat(three.path("attempts").get(0).path("exitCode").asInt()).isEqualTo(3);
    assertThat(four.path("attempts").get(0).path("exitCode").asInt()).isEqualTo(4);
    assertThat(three.path("state").asText()).isEqualTo("failed");
    assertThat(three.path("allowedFailure").asBoolean()).isTrue();
    assertThat(four.path("state").asText()).isEqualTo("failed");
    assertThat(four.path("allowedFailure").asBoolean()).isFalse();
    assertThat(run.path("status").asText()).isEqualTo("FAILED");
  }

  // ---------------------------------------------------------------- step actions

  @Test
  void aWaitingStepPausedStaysUntilResumed() {
    long t0 = System.nanoTime();
    String id =
        submit(
                """
                pipeline: it-pause
                stages: [one, two]
                jobs:
                  first: {stage: one, script: ["sleep 2"]}
                  second: {stage: two, script: ["touch %1$s/pause-second"]}
                """)
            .path("id")
            .asText();
    assertThat(state(view(id), "second")).isEqualTo("waiting");

    JsonNode dry = act(id, "pause", Map.of("ids", List.of("second"), "dryRun", true));
    assertThat(dry.path("changed")).extracting(JsonNode::asText).containsExactly("second");
    assertThat(dry.path("dryRun").asBoolean()).isTrue();
    assertThat(state(view(id), "second")).isEqualTo("waiting");

    JsonNode paused = act(id, "pause", Map.of("ids", List.of("second")));
    assertThat(paused.path("changed")).extracting(JsonNode::asText).containsExactly("second");
    assertThat(paused.path("refused")).isEmpty();
    assertThat(state(view(id), "second")).isEqualTo("paused");

    // the first stage ends; the paused step does not start and the run waits for its user
    JsonNode waiting = awaitRun(id, r -> state(r, "first").equals("succeeded"));
    assertThat(state(waiting, "second")).isEqualTo("paused");
    assertThat(step(waiting, "second").path("attempts")).isEmpty();
    assertThat(waiting.path("status").asText()).isEqualTo("WAITING_FOR_USER");
    assertThat(markers.resolve("pause-second")).doesNotExist();
    // pause is refused on a step that has ended
    JsonNode refused = act(id, "pause", Map.of("ids", List.of("first")));
    assertThat(refused.path("changed")).isEmpty();
    assertThat(refused.path("refused").get(0).path("id").asText()).isEqualTo("first");
    assertThat(refused.path("refused").get(0).path("state").asText()).isEqualTo("succeeded");

    JsonNode resumed = act(id, "resume", Map.of("ids", List.of("second")));
    assertThat(resumed.path("changed")).extracting(JsonNode::asText).containsExactly("second");

    JsonNode run = awaitFinal(id, FINISH);
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(state(run, "second")).isEqualTo("succeeded");
    assertThat(markers.resolve("pause-second")).exists();
    timing("pause a waiting step, resume it", t0);
  }

  @Test
  void anInterruptEndsTheRunningJobsProcesses() throws Exception {
    long t0 = System.nanoTime();
    Path pid = markers.resolve("interrupt-pid");
    String id =
        submit(
                """
                pipeline: it-interrupt
                stages: [one, two]
                jobs:
                  long: {stage: one, script: ["sleep 60 & echo $! > %1$s/interrupt-pid; wait"]}
                  later: {stage: two, script: ["true"]}
                """)
            .path("id")
            .asText();
    awaitRun(id, r -> state(r, "long").equals("running"));
    long sleeper = awaitPid(pid);
    assertThat(Files.exists(Path.of("/proc", String.valueOf(sleeper)))).isTrue();

    // interrupt is refused on a step that is not running
    JsonNode notRunning = act(id, "interrupt", Map.of("ids", List.of("later")));
    assertThat(notRunning.path("changed")).isEmpty();
    assertThat(notRunning.path("refused").get(0).path("state").asText()).isEqualTo("waiting");
    JsonNode dry = act(id, "interrupt", Map.of("ids", List.of("long"), "dryRun", true));
    assertThat(dry.path("changed")).extracting(JsonNode::asText).containsExactly("long");
    assertThat(state(view(id), "long")).isEqualTo("running");

    long interruptedAt = System.nanoTime();
    JsonNode interrupted = act(id, "interrupt", Map.of("ids", List.of("long")));
    assertThat(interrupted.path("changed")).extracting(JsonNode::asText).containsExactly("long");

    JsonNode run = view(id);
    assertThat(state(run, "long")).isEqualTo("interrupted");
    assertThat(step(run, "long").path("attempts").get(0).path("interrupted").asBoolean()).isTrue();
    assertThat(run.path("status").asText()).isEqualTo("WAITING_FOR_USER");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !Files.exists(Path.of("/proc", String.valueOf(sleeper))));
    long goneMs = (System.nanoTime() - interruptedAt) / 1_000_000;
    JsonNode job =
        await()
            .atMost(Duration.ofSeconds(10))
            .ignoreExceptions()
            .until(
                () -> agentJob(view(id), "long", 0),
                j -> j.path("status").asText().equals("finished"));
    assertThat(job.path("outcome").asText()).isEqualTo("cancelled");
    assertThat(state(view(id), "later")).isEqualTo("waiting");
    System.out.printf("interrupt → the job's process gone: %d ms%n", goneMs);

    assertThat(cancel(run.path("operationId").asText()).status()).isEqualTo(202);
    assertThat(awaitFinal(id, FINISH).path("status").asText()).isEqualTo("CANCELLED");
    timing("interrupt a running job", t0);
  }

  @Test
  void skippedStepsNeverRunAndUnskippedOnesDo() {
    long t0 = System.nanoTime();
    String id =
        submit(
                """
                pipeline: it-skip
                stages: [one, two]
                jobs:
                  gate: {stage: one, script: ["sleep 2"]}
                  dropped: {stage: two, script: ["touch %1$s/skip-dropped"]}
                  kept: {stage: two, script: ["touch %1$s/skip-kept"]}
                """)
            .path("id")
            .asText();
    awaitRun(id, r -> state(r, "gate").equals("running"));

    JsonNode dry = act(id, "skip", Map.of("ids", List.of("dropped", "kept"), "dryRun", true));
    assertThat(dry.path("changed")).extracting(JsonNode::asText).containsExactly("dropped", "kept");
    assertThat(state(view(id), "dropped")).isEqualTo("waiting");

    JsonNode skipped = act(id, "skip", Map.of("ids", List.of("dropped", "kept")));
    assertThat(skipped.path("changed"))
        .extracting(JsonNode::asText)
        .containsExactly("dropped", "kept");
    JsonNode marked = view(id);
    assertThat(state(marked, "dropped")).isEqualTo("marked-to-skip");
    assertThat(state(marked, "kept")).isEqualTo("marked-to-skip");
    // skip is refused on a running step, unskip on one not marked to skip
    JsonNode running = act(id, "skip", Map.of("ids", List.of("gate")));
    assertThat(running.path("refused").get(0).path("state").asText()).isEqualTo("running");
    JsonNode notMarked = act(id, "unskip", Map.of("ids", List.of("gate")));
    assertThat(notMarked.path("changed")).isEmpty();
    assertThat(notMarked.path("refused")).hasSize(1);

    JsonNode unskipped = act(id, "unskip", Map.of("ids", List.of("kept")));
    assertThat(unskipped.path("changed")).extracting(JsonNode::asText).containsExactly("kept");
    assertThat(state(view(id), "kept")).isEqualTo("waiting");

    JsonNode run = awaitFinal(id, FINISH);
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode dropped = step(run, "dropped");
    assertThat(dropped.path("state").asText()).isEqualTo("skipped");
    assertThat(dropped.path("skipCause").asText()).isEqualTo("by-user");
    assertThat(dropped.path("attempts")).isEmpty();
    assertThat(markers.resolve("skip-dropped")).doesNotExist();
    assertThat(state(run, "kept")).isEqualTo("succeeded");
    assertThat(markers.resolve("skip-kept")).exists();
    timing("skip, unskip", t0);
  }

  @Test
  void aFailedStepPausedForItIsRerunAndPasses() {
    long t0 = System.nanoTime();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "pipeline",
        String.format(
            """
            pipeline: it-rerun
            stages: [one, two]
            jobs:
              shaky:
                stage: one
                script: ["if [ ! -e %1$s/rerun-once ]; then touch %1$s/rerun-once; exit 1; fi"]
              next: {stage: two, script: ["true"]}
            """,
            markers));
    body.put("pauseOnFailure", true);
    String id = submit(body).path("id").asText();

    JsonNode failed = awaitRun(id, r -> state(r, "shaky").equals("paused-due-to-failure"));
    assertThat(failed.path("status").asText()).isEqualTo("WAITING_FOR_USER");
    assertThat(state(failed, "next")).isEqualTo("waiting");
    assertThat(step(failed, "shaky").path("allowedActions"))
        .extracting(JsonNode::asText)
        .contains("rerun", "resume", "skip");

    JsonNode dry = act(id, "rerun", Map.of("ids", List.of("shaky"), "dryRun", true));
    assertThat(dry.path("changed")).extracting(JsonNode::asText).containsExactly("shaky");
    assertThat(state(view(id), "shaky")).isEqualTo("paused-due-to-failure");
    assertThat(step(view(id), "shaky").path("attempts")).hasSize(1);

    JsonNode rerun = act(id, "rerun", Map.of("ids", List.of("shaky")));
    assertThat(rerun.path("changed")).extracting(JsonNode::asText).containsExactly("shaky");

    JsonNode run = awaitFinal(id, FINISH);
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode shaky = step(run, "shaky");
    assertThat(shaky.path("state").asText()).isEqualTo("succeeded");
    assertThat(shaky.path("attempts")).hasSize(2);
    assertThat(shaky.path("attempts").get(0).path("succeeded").asBoolean()).isFalse();
    assertThat(shaky.path("attempts").get(1).path("succeeded").asBoolean()).isTrue();
    assertThat(shaky.path("flaky").asBoolean()).isTrue();
    assertThat(state(run, "next")).isEqualTo("succeeded");
    // a step that has ended cannot be rerun
    JsonNode refused = act(id, "rerun", Map.of("ids", List.of("next")));
    assertThat(refused.path("changed")).isEmpty();
    assertThat(refused.path("refused").get(0).path("state").asText()).isEqualTo("succeeded");
    timing("rerun a failed step", t0);
  }

  @Test
  void cancellingTheOperationHaltsTheRun() throws Exception {
    long t0 = System.nanoTime();
    Path pid = markers.resolve("cancel-pid");
    JsonNode created =
        submit(
            """
            pipeline: it-cancel
            stages: [one, two]
            jobs:
              long: {stage: one, script: ["sleep 60 & echo $! > %1$s/cancel-pid; wait"]}
              later: {stage: two, script: ["touch %1$s/cancel-later"]}
            """);
    String id = created.path("id").asText();
    String operationId = created.path("operationId").asText();
    awaitRun(id, r -> state(r, "long").equals("running"));
    long sleeper = awaitPid(pid);

    Http.Answer cancelled = cancel(operationId);
    assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(202);
    assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.json().path("kind").asText()).isEqualTo("pipeline-run");

    JsonNode run = awaitFinal(id, FINISH);
    assertThat(run.path("status").asText()).isEqualTo("CANCELLED");
    for (String job : List.of("long", "later")) {
      assertThat(state(run, job)).as(job).isEqualTo("skipped");
      assertThat(step(run, job).path("skipCause").asText()).as(job).isEqualTo("cancelled");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !Files.exists(Path.of("/proc", String.valueOf(sleeper))));
    assertThat(
            await()
                .atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(
                    () -> agentJob(view(id), "long", 0),
                    j -> j.path("status").asText().equals("finished"))
                .path("outcome")
                .asText())
        .isEqualTo("cancelled");
    assertThat(markers.resolve("cancel-later")).doesNotExist();
    // a repeat is answered the same; the operation reads cancelled
    assertThat(cancel(operationId).status()).isEqualTo(202);
    JsonNode operation =
        alice.get(stack.url(GortStack.SCHEDULER) + "/api/v1/operations/" + operationId).json();
    assertThat(operation.path("status").asText()).isEqualTo("cancelled");
    timing("cancel the run's operation", t0);
  }

  // ---------------------------------------------------------------- helpers

  /** Starts a run of {@code yaml} (with {@code %1$s} the marker directory) as alice. */
  private static JsonNode submit(String yaml) {
    return submit(Map.of("pipeline", String.format(yaml, markers)));
  }

  private static JsonNode submit(Map<String, Object> body) {
    Http.Answer a =
        alice.post(stack.url(GortStack.SCHEDULER) + "/api/v1/pipeline-runs", Http.json(body));
    assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
    assertThat(a.header("Operation-Location")).startsWith("/api/v1/operations/");
    return a.json();
  }

  private static JsonNode view(String id) {
    Http.Answer a = alice.get(stack.url(GortStack.SCHEDULER) + "/api/v1/pipeline-runs/" + id);
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    return a.json();
  }

  private static JsonNode act(String id, String action, Map<String, Object> body) {
    Http.Answer a =
        alice.post(
            stack.url(GortStack.SCHEDULER) + "/api/v1/pipeline-runs/" + id + "/steps:" + action,
            Http.json(body));
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    return a.json();
  }

  private static Http.Answer cancel(String operationId) {
    return alice.delete(stack.url(GortStack.SCHEDULER) + "/api/v1/operations/" + operationId);
  }

  private static JsonNode awaitRun(String id, Predicate<JsonNode> condition) {
    return await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> view(id), condition::test);
  }

  /** The run {@link #startTheSemanticsPipelines} started as {@code name}, once it has ended. */
  private static JsonNode awaitFinal(String name) {
    return awaitFinal(started.get(name), FINISH);
  }

  private static JsonNode awaitFinal(String id, Duration atMost) {
    return await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> view(id), r -> FINAL.contains(r.path("status").asText()));
  }

  private static long awaitPid(Path file) throws IOException {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Files.exists(file) && !Files.readString(file).isBlank());
    return Long.parseLong(Files.readString(file).trim());
  }

  private static List<String> stageNames(JsonNode run) {
    List<String> names = new ArrayList<>();
    run.path("stages").forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  private static JsonNode stage(JsonNode run, String name) {
    for (JsonNode stage : run.path("stages")) {
      if (stage.path("name").asText().equals(name)) {
        return stage;
      }
    }
    throw new AssertionError("no stage " + name + " in " + run);
  }

  static JsonNode step(JsonNode run, String job) {
    for (JsonNode stage : run.path("stages")) {
      for (JsonNode step : stage.path("jobs")) {
        if (step.path("id").asText().equals(job)) {
          return step;
        }
      }
    }
    throw new AssertionError("no step " + job + " in " + run);
  }

  private static String state(JsonNode run, String job) {
    return step(run, job).path("state").asText();
  }

  /** When the scheduler dispatched the step's first attempt. */
  private static Instant started(JsonNode run, String job) {
    return Instant.parse(step(run, job).path("attempts").get(0).path("startedDateTime").asText());
  }

  /** When the scheduler applied the result of the step's last attempt. */
  private static Instant finished(JsonNode run, String job) {
    JsonNode attempts = step(run, job).path("attempts");
    return Instant.parse(attempts.get(attempts.size() - 1).path("finishedDateTime").asText());
  }

  /** The agent's record of attempt {@code index} of {@code job}: created, ended, outcome. */
  static JsonNode agentJob(JsonNode run, String job, int index) {
    String runnerJobId =
        step(run, job).path("attempts").get(index).path("runnerJobId").asText(null);
    assertThat(runnerJobId).as("%s's job at the agent", job).isNotNull();
    Http.Answer a =
        Http.as(GortStack.LOCAL_RUNNER_TOKEN)
            .get(stack.url(GortStack.LOCAL_RUNNER) + "/api/v1/jobs/" + runnerJobId);
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    return a.json();
  }

  /** {@code createdDateTime} or {@code finishedDateTime} of the step's first job at the agent. */
  private static Instant agentTime(JsonNode run, String job, String field) {
    return Instant.parse(agentJob(run, job, 0).path(field).asText());
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static void assertOverlap(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) {
    assertThat(aStart).as("one starts before the other ends").isBefore(bEnd);
    assertThat(bStart).as("the other starts before the one ends").isBefore(aEnd);
  }

  private static void timing(String flow, long startedNanos) {
    System.out.printf(
        "flow timing: %-22s %-44s %6d ms%n",
        "pipelines", flow, (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
