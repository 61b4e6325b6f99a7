package dev.gort.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.InProcessGort;
import dev.gort.cli.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  static final String DEMO =
      "pipeline: demo\n"
          + "stages: [build, test]\n"
          + "jobs:\n"
          + "  compile: {stage: build, script: [make]}\n"
          + "  unit: {stage: test, needs: [compile], script: [make test]}\n"
          + "  lint: {stage: test, allow_failure: true, script: [make lint], on_failure: report-lint}\n"
          + "  report-lint: {stage: test, script: [./report.sh]}\n";

  static final String BROKEN =
      "pipeline: demo\n"
          + "stages: [build]\n"
          + "jobs:\n"
          + "  a: {stage: build, needs: [b], script: [x]}\n"
          + "  b: {stage: build, needs: [a], script: [x], colour: red}\n";

  @Test
  void aValidFileIsSummarisedAndExitsZero() throws Exception {
    Path file = Files.writeString(dir.resolve("demo.yml"), DEMO);

    InProcessGort.Said said = new InProcessGort(dir).run("pipeline", "validate", file.toString());

    assertThat(said.exit()).isZero();
    assertThat(said.out()).isEqualTo("valid: pipeline demo, 2 stages, 4 jobs\n");
  }

  @Test
  void everyProblemIsPrintedWithFileLineAndColumnAndExitsTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.yml"), BROKEN);

    InProcessGort.Said said = new InProcessGort(dir).run("pipeline", "validate", file.toString());

    assertThat(said.exit()).isEqualTo(2);
    assertThat(said.out()).isEmpty();
    assertThat(said.err().lines())
        .anySatisfy(line -> assertThat(line).startsWith(file + ":5:").contains("jobs.b.colour: "))
        .anySatisfy(line -> assertThat(line).startsWith(file + ":4:").contains("a → b → a"));
  }

  @Test
  void jsonOutputIsTheListOfProblems() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.yml"), BROKEN);

    InProcessGort.Said said =
        new InProcessGort(dir).run("--output", "json", "pipeline", "validate", file.toString());

    assertThat(said.exit()).isEqualTo(2);
    JsonNode problems = Json.MAPPER.readTree(said.out());
    assertThat(problems.isArray()).isTrue();
    assertThat(problems).hasSizeGreaterThanOrEqualTo(2);
    assertThat(problems.get(0).get("file").asText()).isEqualTo(file.toString());
    assertThat(problems.get(0).get("line").asInt()).isPositive();
    assertThat(problems.findValuesAsText("path")).contains("jobs.b.colour");

    Path valid = Files.writeString(dir.resolve("demo.yml"), DEMO);
    assertThat(
            new InProcessGort(dir)
                .run("pipeline", "validate", valid.toString(), "--output", "json")
                .out()
                .strip())
        .isEqualTo("[]");
  }

  @Test
  void aMissingFileIsAUsageErrorOfOneLine() {
    InProcessGort.Said said =
        new InProcessGort(dir).run("pipeline", "validate", dir.resolve("nope.yml").toString());

    assertThat(said.exit()).isEqualTo(2);
    assertThat(said.err().lines())
        .containsExactly("gort: cannot read " + dir.resolve("nope.yml") + ": no such file");
  }
}
