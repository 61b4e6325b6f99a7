package dev.gort.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.FakeServer;
import dev.gort.cli.FakeServer.Reply;
import dev.gort.cli.InProcessGort;
import dev.gort.cli.http.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteCommandsTest {

  private static final String RUN_PATH = "/api/v1/pipeline-runs/" + Runs.ID;

  @TempDir Path dir;
  private InProcessGort gort;
  private FakeServer scheduler;

  @BeforeEach
  void setUp() throws Exception {
    gort = new InProcessGort(dir.resolve("home")).with("GORT_TOKEN", "t0ken");
    scheduler = new FakeServer();
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  private InProcessGort.Said gort(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--server";
    all[1] = scheduler.url().toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return gort.run(all);
  }

  private FakeServer.Received only() {
    assertThat(scheduler.received()).hasSize(1);
    return scheduler.received().get(0);
  }

  private static Reply page(String nextLink, JsonNode... items) {
    ObjectNode page = Json.MAPPER.createObjectNode();
    for (JsonNode item : items) {
      page.withArray("value").add(item);
    }
    page.withArray("value");
    if (nextLink != null) {
      page.put("nextLink", nextLink);
    }
    return Runs.json(page);
  }

  private static ObjectNode brief(String status) {
    ObjectNode run = Runs.run(status, "succeeded", "succeeded", "failed");
    run.remove("stages");
    return run;
  }

  @Test
  void runsListsTheFilteredRunsReadingPagesUpToTheLimit() {
    scheduler.on(
        "GET /api/v1/pipeline-runs",
        page("/api/v1/pipeline-runs?$top=3&$skip=2", brief("FAILED"), brief("FAILED")),
        page(null, brief("FAILED"), brief("FAILED")));

    InProcessGort.Said said =
        gort("runs", "--pipeline", "demo", "--status", "failed", "--limit", "3");

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out().lines().toList()).hasSize(4);
    assertThat(said.out().lines().skip(1))
        .allMatch(line -> line.startsWith("demo      3    FAILED  -           gort"));
    List<FakeServer.Received> requests = scheduler.received();
    assertThat(requests.get(0).query()).isEqualTo("pipeline=demo&status=FAILED&$top=3");
    assertThat(requests.get(1).query()).isEqualTo("$top=3&$skip=2");
    assertThat(requests).allMatch(r -> "Bearer t0ken".equals(r.authorization()));
  }

  @Test
  void runsAsJsonIsTheListOfRuns() throws Exception {
    scheduler.on("GET /api/v1/pipeline-runs", page(null, brief("SUCCEEDED")));

    InProcessGort.Said said = gort("--output", "json", "runs");

    assertThat(said.exit()).isZero();
    JsonNode list = Json.MAPPER.readTree(said.out());
    assertThat(list).hasSize(1);
    assertThat(list.get(0)).isEqualTo(brief("SUCCEEDED"));
    assertThat(only().query()).isEqualTo("$top=20");
  }

  @Test
  void showGivesStagesJobsAndEveryAttemptWithFlakyJobsMarked() throws Exception {
    ObjectNode run = Runs.run("SUCCEEDED", "succeeded", "succeeded", "failed");
    scheduler.on("GET " + RUN_PATH, Runs.json(run));

    InProcessGort.Said said = gort("show", Runs.ID);
    InProcessGort.Said json = gort("--output", "json", "show", Runs.ID);

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out())
        .startsWith("demo run 3 SUCCEEDED in 8.0 s\n")
        .contains("id:         " + Runs.ID)
        .contains("operation:  " + Runs.OPERATION)
        .containsPattern("(?m)^STAGE +STATUS +TOOK$")
        .containsPattern("(?m)^build +succeeded +-$")
        .containsPattern("(?m)^test +unit +succeeded, FLAKY +2 +0 +1.5 s +-$")
        .containsPattern(
            "(?m)^test +lint +failed \\(allowed\\) +1 +3 +1.5 s +script_failure: command 1"
                + " exited with 3$")
        .containsPattern("(?m)^JOB +ATTEMPT +RESULT +EXIT +STARTED +TOOK +FAILURE +LOG$")
        .containsPattern("(?m)^unit +1 +failed +1 +2026-12-03T10:00:02Z +1.0 s +script_failure")
        .containsPattern(
            "(?m)^unit +2 +succeeded +0 +2026-12-03T10:00:04Z +1.5 s +- +http://127.0.0.1:8086/jobs/unit/log$");
    assertThat(Json.MAPPER.readTree(json.out())).isEqualTo(run);
  }

  @Test
  void anUnknownRunIsAUsageErrorInTheServersWords() {
    Reply notFound =
        Reply.json(404, "{\"status\":404,\"detail\":\"no pipeline run with id 'nope'\"}");
    scheduler
        .on("GET /api/v1/pipeline-runs/nope", notFound)
        .on("GET /api/v1/pipeline-runs/nope/steps", notFound)
        .on("POST /api/v1/pipeline-runs/nope/steps:pause", notFound);

    for (String[] command :
        List.of(
            new String[] {"show", "nope"},
            new String[] {"cancel", "nope"},
            new String[] {"steps", "nope"},
            new String[] {"pause", "nope"})) {
      InProcessGort.Said said = gort(command);
      assertThat(said.exit()).as(String.join(" ", command)).isEqualTo(2);
      assertThat(said.err()).startsWith("gort: ").contains("404: no pipeline run with id 'nope'");
    }
  }

  @Test
  void cancelDeletesTheRunsOperation() {
    scheduler
        .on("GET " + RUN_PATH, Runs.json(Runs.run("RUNNING", "running", "waiting", "waiting")))
        .on(
            "DELETE /api/v1/operations/" + Runs.OPERATION,
            Reply.json(202, "{\"id\":\"" + Runs.OPERATION + "\",\"status\":\"cancelled\"}"));

    InProcessGort.Said said = gort("cancel", Runs.ID);

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out())
        .containsPattern("(?m)^demo +3 +" + Runs.ID + " +" + Runs.OPERATION + " +cancelled$");
    assertThat(scheduler.received())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("GET " + RUN_PATH, "DELETE /api/v1/operations/" + Runs.OPERATION);
  }

  @Test
  void cancellingAFinishedRunIsAUsageError() {
    scheduler
        .on("GET " + RUN_PATH, Runs.json(Runs.run("SUCCEEDED", "succeeded", "succeeded", "failed")))
        .on(
            "DELETE /api/v1/operations/" + Runs.OPERATION,
            Reply.json(
                409,
                "{\"detail\":\"operation 'op-7f1c' already finished (succeeded); there is nothing"
                    + " to cancel\"}"));

    InProcessGort.Said said = gort("cancel", Runs.ID);

    assertThat(said.exit()).isEqualTo(2);
    assertThat(said.err())
        .isEqualTo(
            "gort: cancel "
                + Runs.ID
                + ": 409: operation 'op-7f1c' already finished (succeeded); there is nothing to"
                + " cancel\n");
  }

  @Test
  void stepsAreFilteredByStateTagAndAllowedAction() {
    ObjectNode run = Runs.run("RUNNING", "succeeded", "running", "failed");
    JsonNode unit = run.get("stages").get(1).get("jobs").get(0);
    scheduler.on("GET " + RUN_PATH + "/steps", page(null, unit));

    InProcessGort.Said said =
        gort(
            "steps", Runs.ID, "--state", "running", "--tag", "suite=unit", "--action", "interrupt");

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out().lines())
        .containsExactly(
            "STEP  STAGE  STATE    ATTEMPTS  ACTIONS    TAGS        DETAIL",
            "unit  test   running  1         interrupt  suite=unit  -");
    assertThat(only().query()).isEqualTo("state=running&tag.suite=unit&action=interrupt&$top=1000");
  }

  @Test
  void aDryRunSaysWhatWouldChangeAndThatNothingDid() throws Exception {
    scheduler.on(
        "POST " + RUN_PATH + "/steps:pause",
        Reply.json(
            200,
            "{\"action\":\"pause\",\"changed\":[\"unit\"],\"refused\":[{\"id\":\"lint\","
                + "\"state\":\"running\",\"reason\":\"a running step is marked to pause\"}],"
                + "\"dryRun\":true}"));

    InProcessGort.Said said =
        gort(
            "pause",
            Runs.ID,
            "--step",
            "unit",
            "--step",
            "lint",
            "--state",
            "waiting",
            "--state",
            "ready",
            "--tag",
            "suite=unit",
            "--dry-run");

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out().lines())
        .containsExactly(
            "STEP  RESULT           STATE    REASON",
            "unit  would be paused  -        -",
            "lint  refused          running  a running step is marked to pause",
            "dry run: nothing changed");
    assertThat(Json.MAPPER.readTree(only().body()))
        .isEqualTo(
            Json.MAPPER.readTree(
                "{\"ids\":[\"unit\",\"lint\"],\"states\":[\"waiting\",\"ready\"],"
                    + "\"tags\":{\"suite\":\"unit\"},\"dryRun\":true}"));
  }

  @Test
  void eachStepActionPostsToItsOwnPathAndPrintsTheStepsChanged() throws Exception {
    Map<String, String> done =
        Map.of(
            "pause", "paused",
            "resume", "resumed",
            "interrupt", "interrupted",
            "rerun", "rerun",
            "skip", "skipped",
            "unskip", "unskipped");
    for (Map.Entry<String, String> action : done.entrySet()) {
      scheduler.on(
          "POST " + RUN_PATH + "/steps:" + action.getKey(),
          Reply.json(
              200,
              "{\"action\":\""
                  + action.getKey()
                  + "\",\"changed\":[\"unit\"],\"refused\":[],\"dryRun\":false}"));

      InProcessGort.Said said = gort(action.getKey(), Runs.ID);

      assertThat(said.exit()).as(action.getKey() + ": " + said.err()).isZero();
      assertThat(said.out()).containsPattern("(?m)^unit +" + action.getValue() + " +- +-$");
      assertThat(said.out()).doesNotContain("dry run");
    }
    assertThat(scheduler.received())
        .allSatisfy(
            r ->
                assertThat(Json.MAPPER.readTree(r.body()).toString())
                    .isEqualTo("{\"dryRun\":false}"));
  }

  @Test
  void anActionRefusedForEveryStepExitsTwo() {
    scheduler.on(
        "POST " + RUN_PATH + "/steps:rerun",
        Reply.json(
            200,
            "{\"action\":\"rerun\",\"changed\":[],\"refused\":[{\"id\":\"unit\",\"state\":"
                + "\"succeeded\",\"reason\":\"rerun needs a paused or interrupted step\"}],"
                + "\"dryRun\":false}"));

    InProcessGort.Said said = gort("rerun", Runs.ID, "--step", "unit");

    assertThat(said.exit()).isEqualTo(2);
    assertThat(said.out()).contains("unit  refused  succeeded  rerun needs a paused");
    assertThat(said.err())
        .isEqualTo("gort: rerun " + Runs.ID + ": refused for every selected step\n");
  }

  @Test
  void sendMessageSendsTheTextToTheStep() throws Exception {
    scheduler.on(
        "POST " + RUN_PATH + "/steps:send-message",
        Reply.json(
            200,
            "{\"action\":\"send-message\",\"changed\":[\"deploy\"],\"refused\":[],\"dryRun\":false}"));

    InProcessGort.Said said = gort("send-message", Runs.ID, "--step", "deploy", "--message", "go");
    InProcessGort.Said noStep = gort("send-message", Runs.ID, "--message", "go");
    InProcessGort.Said noMessage = gort("send-message", Runs.ID, "--step", "deploy");

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out()).containsPattern("(?m)^deploy +messaged");
    assertThat(Json.MAPPER.readTree(only().body()))
        .isEqualTo(
            Json.MAPPER.readTree("{\"ids\":[\"deploy\"],\"dryRun\":false,\"message\":\"go\"}"));
    assertThat(noStep.exit()).isEqualTo(2);
    assertThat(noStep.err()).isEqualTo("gort: send-message needs --step ID: the step it is for\n");
    assertThat(noMessage.exit()).isEqualTo(2);
    assertThat(noMessage.err()).contains("--message");
  }

  @Test
  void uploadSendsTheLocalReportAsItIsOncePerDocument() throws Exception {
    Path pipeline =
        Files.writeString(
            dir.resolve("demo.yml"),
            "pipeline: demo\nstages: [build]\njobs:\n  compile: {stage: build, script: [\"true\"]}\n");
    assertThat(gort.run("run", pipeline.toString(), "--local").exit()).isZero();
    Path report = dir.resolve("home/reports/demo/1.json");
    scheduler.on(
        "POST /api/v1/pipeline-reports",
        new Reply(
            201,
            Map.of(
                "Content-Type", "application/json", "Location", "/api/v1/pipeline-reports/rep-1"),
            "{\"id\":\"rep-1\",\"origin\":\"uploaded\"}"));

    InProcessGort.Said said = gort("upload", report.toString());
    gort("upload", report.toString());

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(said.out().lines())
        .containsExactly(
            "ID     PIPELINE  RUN  STATUS     WHERE", "rep-1  demo      1    SUCCEEDED  local");
    FakeServer.Received first = scheduler.received().get(0);
    assertThat(first.body()).isEqualTo(Files.readString(report));
    assertThat(first.idempotencyKey())
        .isEqualTo("upload-" + UploadCommand.sha256(Files.readAllBytes(report)));
    assertThat(scheduler.received().get(1).idempotencyKey()).isEqualTo(first.idempotencyKey());
  }

  @Test
  void aFileThatIsNotAReportIsNotUploaded() throws Exception {
    Path bogus = Files.writeString(dir.resolve("bogus.json"), "{\"version\":1,\"pipeline\":\"x\"}");

    InProcessGort.Said said = gort("upload", bogus.toString());
    InProcessGort.Said missing = gort("upload", dir.resolve("none.json").toString());

    assertThat(said.exit()).isEqualTo(2);
    assertThat(said.err()).startsWith("gort: " + bogus + " is not a pipeline report: ");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).endsWith("none.json: no such file\n");
    assertThat(scheduler.received()).isEmpty();
  }

  @Test
  void reportsWithoutLocalAreTheServersFilteredThere() throws Exception {
    String report =
        "{\"version\":1,\"pipeline\":\"demo\",\"run\":1,\"repository\":\"gort\","
            + "\"where\":\"LOCAL\",\"status\":\"SUCCEEDED\",\"started_at\":\"2026-12-03T10:00:00Z\","
            + "\"finished_at\":\"2026-12-03T10:00:02Z\",\"notes\":[],"
            + "\"stages\":[{\"name\":\"build\",\"status\":\"SUCCEEDED\"}],"
            + "\"jobs\":[{\"name\":\"compile\",\"stage\":\"build\",\"state\":\"SUCCEEDED\","
            + "\"allowed_failure\":false,\"flaky\":false,\"attempts\":[]}]}";
    ObjectNode flat = (ObjectNode) Json.MAPPER.readTree(report);
    flat.put("id", "rep-1").put("origin", "uploaded");
    ObjectNode wrapped = Json.MAPPER.createObjectNode().put("id", "rep-2").put("origin", "remote");
    wrapped.set(
        "report", ((ObjectNode) Json.MAPPER.readTree(report)).put("run", 7).put("where", "REMOTE"));
    scheduler.on("GET /api/v1/pipeline-reports", page(null, flat, wrapped));

    InProcessGort.Said said =
        gort(
            "reports",
            "--repo",
            "gort",
            "--pipeline",
            "demo",
            "--stage",
            "build",
            "--job",
            "compile");
    InProcessGort.Said list = gort("reports");
    InProcessGort.Said json = gort("--output", "json", "reports");

    assertThat(said.exit()).as(said.err()).isZero();
    assertThat(scheduler.received().get(0).query())
        .isEqualTo("repository=gort&pipeline=demo&stage=build&job=compile&$top=50");
    assertThat(said.out()).containsPattern("(?m)^demo +1 +build +compile +SUCCEEDED");
    assertThat(list.out())
        .containsPattern("(?m)^demo +1 +SUCCEEDED +uploaded +gort .* rep-1$")
        .containsPattern("(?m)^demo +7 +SUCCEEDED +remote +gort .* rep-2$");
    assertThat(Json.MAPPER.readTree(json.out()).get(0).get("id").asText()).isEqualTo("rep-1");
    assertThat(gort.run("reports", "--local").out()).isEqualTo("no local reports\n");
  }

  @Test
  void everyRemoteCommandSaysUnreachableAndNotAuthorizedTheSameWay() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    scheduler
        .on("GET /api/v1/pipeline-runs", Reply.json(401, ""))
        .on("GET " + RUN_PATH, Reply.json(403, "{\"detail\":\"not yours\"}"))
        .on("GET /api/v1/pipeline-reports", Reply.json(401, ""));
    List<String[]> commands =
        List.of(
            new String[] {"runs"},
            new String[] {"show", Runs.ID},
            new String[] {"cancel", Runs.ID},
            new String[] {"steps", Runs.ID},
            new String[] {"pause", Runs.ID},
            new String[] {"send-message", Runs.ID, "--step", "a", "--message", "m"},
            new String[] {"reports"});
    for (String[] command : commands) {
      String[] unreachable = new String[command.length + 2];
      unreachable[0] = "--server";
      unreachable[1] = "http://127.0.0.1:" + closed;
      System.arraycopy(command, 0, unreachable, 2, command.length);
      InProcessGort.Said down = gort.run(unreachable);
      assertThat(down.exit()).as(String.join(" ", command) + ": " + down.err()).isEqualTo(3);
      assertThat(down.err()).contains("server unreachable at http://127.0.0.1:" + closed);
      assertThat(down.err().lines()).hasSize(1);

      InProcessGort.Said none =
          new InProcessGort(dir.resolve("nobody"))
              .run(
                  "--server",
                  scheduler.url().toString(),
                  command[0],
                  command.length > 1 ? command[1] : "--help");
      if (command.length == 1 || !command[0].equals("send-message")) {
        assertThat(none.exit()).as(String.join(" ", command)).isIn(0, 4);
      }
    }
    assertThat(gort("runs").exit()).isEqualTo(4);
    assertThat(gort("runs").err()).contains("(401)").contains("gort login");
    assertThat(gort("show", Runs.ID).exit()).isEqualTo(4);
    assertThat(gort("show", Runs.ID).err())
        .isEqualTo("gort: run " + Runs.ID + ": not allowed (403): not yours\n");
    assertThat(gort("reports").exit()).isEqualTo(4);
    assertThat(
            new InProcessGort(dir.resolve("nobody"))
                .run("--server", scheduler.url().toString(), "show", Runs.ID)
                .exit())
        .isEqualTo(4);
  }
}
