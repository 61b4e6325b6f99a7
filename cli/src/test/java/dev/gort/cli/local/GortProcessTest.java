package dev.gort.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.cli.Gort;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.common.process.ProcessTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gort as a process of its own ({@code java -cp} this module's classes and libraries: the jar and
 * launcher are built after the tests), as a user runs it: exit codes, streams, and Ctrl-C.
 */
class GortProcessTest {

  @TempDir Path dir;

  private Process start(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, Gort.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("GORT_HOME", dir.resolve("home").toString());
    builder.environment().put("GORT_CONTAINER_ENGINE", "none");
    builder.redirectOutput(dir.resolve("out.txt").toFile());
    builder.redirectError(dir.resolve("err.txt").toFile());
    return builder.start();
  }

  private int exit(Process process) throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private String out() throws IOException {
    return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
  }

  private String err() throws IOException {
    return Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void validateExitsZeroOrTwo() throws Exception {
    Path good =
        Files.writeString(
            dir.resolve("good.yml"),
            "pipeline: demo\nstages: [a, b]\njobs:\n  x: {stage: a, script: [y]}\n  z: {stage: b, script: [y]}\n");
    assertThat(exit(start("pipeline", "validate", good.toString()))).isZero();
    assertThat(out()).isEqualTo("valid: pipeline demo, 2 stages, 2 jobs\n");

    Path bad =
        Files.writeString(
            dir.resolve("bad.yml"),
            "pipeline: demo\nstages: [a]\njobs: {x: {stage: c, script: [y]}}\n");
    assertThat(exit(start("pipeline", "validate", bad.toString()))).isEqualTo(2);
    assertThat(err()).startsWith(bad + ":3:");
  }

  @Test
  void runLocalExitsZeroWhenTheRunSucceedsAndOneWhenItFails() throws Exception {
    Path demo = Path.of("../deploy/local/pipelines/demo.yml").toAbsolutePath().normalize();
    assertThat(exit(start("run", demo.toString(), "--local"))).as(() -> errQuietly()).isZero();
    assertThat(out()).contains("demo run 1 SUCCEEDED").doesNotContain("\u001b");

    Path fails =
        Files.writeString(
            dir.resolve("fails.yml"),
            "pipeline: fails\nstages: [a]\njobs: {x: {stage: a, script: [\"exit 3\"]}}\n");
    assertThat(exit(start("run", fails.toString(), "--local"))).isEqualTo(1);
    assertThat(err().strip()).startsWith("gort: fails run 1 FAILED").contains("exited with 3");
  }

  @Test
  void ctrlCCancelsTheRunEndsItsJobsAndSavesTheReport() throws Exception {
    Path slow =
        Files.writeString(
            dir.resolve("slow.yml"),
            "pipeline: slow\nstages: [a, b]\njobs:\n"
                + "  wait: {stage: a, script: [\"sleep 120 & sleep 121\"]}\n"
                + "  after: {stage: b, script: [\"echo after\"]}\n");
    Process gort = start("run", slow.toString(), "--local");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!out().contains("a/wait: running") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(out()).contains("a/wait: running");
    new ProcessBuilder("kill", "-INT", Long.toString(gort.pid())).start().waitFor();

    assertThat(exit(gort)).isEqualTo(1);
    PipelineReport report =
        PipelineReportJson.read(Files.readAllBytes(dir.resolve("home/reports/slow/1.json")));
    assertThat(report.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(report.finishedAt()).isNotNull();
    String log = report.jobs().get(0).lastAttempt().log().text();
    Matcher pid = Pattern.compile("command 1: pid (\\d+)").matcher(log);
    assertThat(pid.find()).as(log).isTrue();
    assertThat(new ProcessTree(Long.parseLong(pid.group(1))).members()).isEmpty();
  }

  private String errQuietly() {
    try {
      return err();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
