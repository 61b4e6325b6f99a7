package dev.gort.worker.kcidb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.worker.report.ReportViews.Counts;
import dev.gort.worker.report.ReportViews.Summary;
import dev.gort.worker.report.ReportViews.TestCase;
import dev.gort.worker.results.BuildResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KcidbExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Summary REPORT =
      new Summary(
          "rep-1",
          "run-1",
          "kernel-smoke",
          "alice",
          null,
          null,
          null,
          2,
          "tuxsuite",
          "FAILED",
          "1 of 3 tests failed",
          "junit",
          new Counts(5, 2, 1, 1, 1, 0, 1),
          1500,
          Instant.parse("2026-12-03T07:00:00Z"));

  private static final List<TestCase> CASES =
      List.of(
          new TestCase(
              1,
              "com.example.LedgerTest",
              "sums",
              "com.example.LedgerTest",
              "PASSED",
              12L,
              null,
              false,
              null),
          new TestCase(
              2,
              "ltp/syscalls",
              "open01[fd=3] ünïcode",
              null,
              "FAILED",
              1500L,
              "expected 0\u0000 got 1",
              false,
              "https://logs.example/open01.log"),
          new TestCase(3, "", "boots", null, "ERROR", null, "x".repeat(20_000), true, "not a url"),
          new TestCase(4, "///", "...", null, "SKIPPED", null, "", false, null),
          new TestCase(5, "s", "never", null, "MISSED", null, null, false, "file:///etc/passwd"));

  private static JsonNode export(String origin, List<BuildResult> builds, List<TestCase> cases)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var out = JSON.getFactory().createGenerator(bytes)) {
      new KcidbExport(origin, out).write(REPORT, builds, cases);
    }
    return JSON.readTree(bytes.toByteArray());
  }

  @Test
  void aReportOfTestsAloneIsValidKcidbWithABuildStandingForTheRun() throws Exception {
    JsonNode doc = export("gort", List.of(), CASES);

    assertThat(KcidbSchema.problems(doc)).isEmpty();
    assertThat(doc.at("/version/major").asInt()).isEqualTo(5);
    assertThat(doc.at("/version/minor").asInt()).isEqualTo(3);
    assertThat(doc.at("/checkouts/0/id").asText()).isEqualTo("gort:run-1");
    assertThat(doc.at("/checkouts/0/tree_name").asText()).isEqualTo("kernel-smoke");
    assertThat(doc.at("/builds")).hasSize(1);
    assertThat(doc.at("/builds/0/id").asText()).isEqualTo("gort:run-1:build");
    assertThat(doc.at("/builds/0/checkout_id").asText()).isEqualTo("gort:run-1");
    assertThat(doc.at("/tests")).hasSize(5);
    assertThat(doc.at("/tests").findValuesAsText("build_id")).containsOnly("gort:run-1:build");
  }

  @Test
  void testsCarryKcidbStatusesPathsDurationsAndOnlyUsableLinks() throws Exception {
    JsonNode tests = export("gort", List.of(), CASES).at("/tests");

    assertThat(tests.findValuesAsText("status"))
        .containsExactly("PASS", "FAIL", "ERROR", "SKIP", "MISS");
    assertThat(tests.findValuesAsText("path"))
        .containsExactly(
            "com.example.LedgerTest.sums",
            "ltp.syscalls.open01_fd_3___n_code",
            "boots",
            "unnamed",
            "s.never");
    assertThat(tests.get(0).get("id").asText()).isEqualTo("gort:rep-1:1");
    assertThat(tests.get(1).get("duration").asDouble()).isEqualTo(1.5);
    assertThat(tests.get(1).get("log_url").asText()).isEqualTo("https://logs.example/open01.log");
    assertThat(tests.get(1).get("log_excerpt").asText()).doesNotContain("\u0000");
    assertThat(tests.get(2).has("log_url")).as("not a URL: left out").isFalse();
    assertThat(tests.get(2).get("log_excerpt").asText()).hasSize(KcidbExport.EXCERPT_CHARS);
    assertThat(tests.get(2).at("/misc/flaky").asBoolean()).isTrue();
    assertThat(tests.get(3).has("log_excerpt")).isFalse();
    assertThat(tests.get(4).has("log_url")).as("file: is no log link").isFalse();
    assertThat(tests.get(0).get("start_time").asText()).isEqualTo("2026-12-03T07:00:00Z");
  }

  @Test
  void nothingIsEverNull() throws Exception {
    JsonNode doc =
        export(
            "gort",
            List.of(new BuildResult(null, false, "fail", null, null, null, null, null, null, null)),
            CASES);

    assertThat(doc.toString()).doesNotContain("null");
    assertThat(KcidbSchema.problems(doc)).isEmpty();
  }

  @Test
  void buildsTheResultsReportedAreKcidbBuildsAndTheTestsNameTheFirst() throws Exception {
    BuildResult x86 =
        new BuildResult(
            "2abc",
            true,
            "pass",
            "x86_64 defconfig",
            "gcc-13",
            2,
            0,
            "https://storage.example/2abc/",
            "https://storage.example/2abc/build.log",
            61_500L);
    BuildResult arm =
        new BuildResult(
            "2abd", false, "fail", "ARM64 tinyconfig", "clang-17", 0, 3, null, null, null);

    JsonNode doc = export("my_lab", List.of(x86, arm), CASES);

    assertThat(KcidbSchema.problems(doc)).isEmpty();
    JsonNode builds = doc.at("/builds");
    assertThat(builds).hasSize(2);
    assertThat(builds.get(0).get("id").asText()).isEqualTo("my_lab:run-1:build:1");
    assertThat(builds.get(0).get("status").asText()).isEqualTo("PASS");
    assertThat(builds.get(0).get("architecture").asText()).isEqualTo("x86_64");
    assertThat(builds.get(0).get("config_name").asText()).isEqualTo("defconfig");
    assertThat(builds.get(0).get("compiler").asText()).isEqualTo("gcc-13");
    assertThat(builds.get(0).get("duration").asDouble()).isEqualTo(61.5);
    assertThat(builds.get(0).at("/misc/warnings").asInt()).isEqualTo(2);
    assertThat(builds.get(1).get("status").asText()).isEqualTo("FAIL");
    assertThat(builds.get(1).get("architecture").asText()).isEqualTo("arm64");
    assertThat(doc.at("/tests").findValuesAsText("build_id")).containsOnly("my_lab:run-1:build:1");
  }

  @Test
  void theSchemaCatchesWhatTheExportMustNotDo() throws Exception {
    JsonNode doc = export("gort", List.of(), CASES);
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/tests/0")).putNull("comment");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/tests/1")).put("path", "a..b");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/tests/2")).put("status", "PASSED");

    assertThat(KcidbSchema.problems(doc)).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void anOriginOutsideTheSchemaIsRefused() {
    assertThatThrownBy(() -> export("My-Lab", List.of(), CASES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("^[a-z0-9_]+$");
  }
}
