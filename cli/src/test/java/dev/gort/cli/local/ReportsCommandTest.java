package dev.gort.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.InProcessGort;
import dev.gort.cli.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsCommandTest {

  @TempDir Path dir;
  private InProcessGort gort;

  @BeforeEach
  void threeRuns() throws Exception {
    gort = new InProcessGort(dir.resolve("home"));
    Path demo =
        Files.writeString(
            dir.resolve("demo.yml"),
            "pipeline: demo\nstages: [build, test]\njobs:\n"
                + "  compile: {stage: build, script: [\"echo compiled\"]}\n"
                + "  unit: {stage: test, script: [\"exit 0\"]}\n");
    Path other =
        Files.writeString(
            dir.resolve("other.yml"),
            "pipeline: other\nstages: [test]\njobs:\n  check: {stage: test, script: [\"exit 5\"]}\n");
    assertThat(gort.run("run", demo.toString(), "--local", "--repository", "r1").exit()).isZero();
    assertThat(gort.run("run", other.toString(), "--local", "--repository", "r2").exit())
        .isEqualTo(1);
    assertThat(gort.run("run", demo.toString(), "--local", "--repository", "r1").exit()).isZero();
  }

  @Test
  void everyRunIsListedNewestFirst() {
    InProcessGort.Said said = gort.run("reports", "--local");

    assertThat(said.exit()).isZero();
    assertThat(said.out().lines().skip(1).map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[1]))
        .containsExactly("demo 2", "other 1", "demo 1");
  }

  @Test
  void filtersByRepositoryPipelineAndRun() throws Exception {
    JsonNode byRepo = json("reports", "--local", "--repo", "r2");
    assertThat(byRepo).hasSize(1);
    assertThat(byRepo.get(0).get("pipeline").asText()).isEqualTo("other");
    assertThat(byRepo.get(0).get("status").asText()).isEqualTo("FAILED");

    JsonNode one = json("reports", "--local", "--pipeline", "demo", "--run", "1");
    assertThat(one).hasSize(1);
    assertThat(one.get(0).get("run").asInt()).isEqualTo(1);
    assertThat(json("reports", "--local", "--pipeline", "nope")).isEmpty();
  }

  @Test
  void aStageOrJobNarrowsTheJobsShown() throws Exception {
    JsonNode units = json("reports", "--local", "--job", "unit");
    assertThat(units).hasSize(2);
    assertThat(units.get(0).get("jobs")).hasSize(1);
    assertThat(units.get(0).get("stages")).hasSize(1);

    InProcessGort.Said table = gort.run("reports", "--local", "--stage", "build");
    assertThat(table.out()).contains("compile").doesNotContain("unit").doesNotContain("check");
  }

  @Test
  void oneRunIsShownInDetailWithItsLogsOnRequest() {
    InProcessGort.Said said =
        gort.run("reports", "--local", "--pipeline", "other", "--run", "1", "--logs");

    assertThat(said.out())
        .contains("other run 1 FAILED")
        .contains("repository: r2")
        .contains("script_failure: command 1 exited with 5")
        .contains("--- check, attempt 1 ---");
  }

  @Test
  void withoutLocalTheReportsAreTheServersAndNeedALogin() {
    assertThat(gort.run("reports").exit()).isEqualTo(4);
  }

  private JsonNode json(String... args) throws Exception {
    String[] withJson = new String[args.length + 2];
    System.arraycopy(args, 0, withJson, 0, args.length);
    withJson[args.length] = "--output";
    withJson[args.length + 1] = "json";
    InProcessGort.Said said = gort.run(withJson);
    assertThat(said.exit()).as(said.err()).isZero();
    return Json.MAPPER.readTree(said.out());
  }
}
