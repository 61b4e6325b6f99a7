package dev.gort.common.pipeline;

import static dev.gort.common.pipeline.PipelineFiles.described;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DependencyCyclesTest {

  @Test
  void aCycleOfNeedsIsSpelledFromItsSmallestJobAtThatJobsPosition() {
    String file =
        """
        pipeline: demo
        stages: [test]
        jobs:
          c: {stage: test, script: [x], needs: [a]}
          b: {stage: test, script: [x], needs: [c]}
          a: {stage: test, script: [x], needs: [b]}
        """;

    assertThat(described(file))
        .containsExactly(
            "6:3 jobs.a: dependency cycle: a → b → c → a (each job waits for the next, so none can"
                + " start)");
  }

  @Test
  void aLinkMakesItsTargetWaitForItsSource() {
    String file =
        """
        pipeline: demo
        stages: [test]
        jobs:
          verify: {stage: test, script: [x]}
          deploy: {stage: test, script: [x], needs: [verify], on_success: verify}
        """;

    assertThat(described(file))
        .singleElement()
        .asString()
        .startsWith("5:3 jobs.deploy: dependency cycle: deploy → verify → deploy");
  }

  @Test
  void eachDistinctCycleIsReportedOnce() {
    String file =
        """
        pipeline: demo
        stages: [test]
        jobs:
          a: {stage: test, script: [x], needs: [b, c]}
          b: {stage: test, script: [x], needs: [a]}
          c: {stage: test, script: [x], needs: [a]}
          x: {stage: test, script: [x], needs: [y]}
          y: {stage: test, script: [x], needs: [x]}
          ok: {stage: test, script: [x], needs: [a]}
        """;

    assertThat(described(file))
        .containsExactly(
            "4:3 jobs.a: dependency cycle: a → b → a (each job waits for the next, so none can"
                + " start)",
            "4:3 jobs.a: dependency cycle: a → c → a (each job waits for the next, so none can"
                + " start)",
            "7:3 jobs.x: dependency cycle: x → y → x (each job waits for the next, so none can"
                + " start)");
  }

  @Test
  void theShortestCycleThroughTheSmallestJobIsTheOneSpelled() {
    Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
    waitsFor.put("a", Set.of("b"));
    waitsFor.put("b", Set.of("c", "a"));
    waitsFor.put("c", Set.of("a"));

    assertThat(DependencyCycles.find(waitsFor))
        .containsExactly(List.of("a", "b"), List.of("a", "b", "c"));
  }

  @Test
  void namesOutsideTheGraphAndSelfEdgesAreNoCycle() {
    assertThat(DependencyCycles.find(Map.of("a", Set.of("zz"), "b", Set.of("a")))).isEmpty();
  }

  @Test
  @Timeout(60)
  void aCompleteGraphOfFiveHundredJobsReportsABoundedNumberOfCycles() {
    Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
    for (int i = 0; i < PipelineParser.MAX_JOBS; i++) {
      Set<String> all = new java.util.HashSet<>();
      for (int j = 0; j < PipelineParser.MAX_JOBS; j++) {
        if (j != i) {
          all.add(String.format("j%03d", j));
        }
      }
      waitsFor.put(String.format("j%03d", i), all);
    }
    List<List<String>> cycles = DependencyCycles.find(waitsFor);

    assertThat(cycles).hasSize(DependencyCycles.MAX_CYCLES);
    assertThat(cycles.get(0)).containsExactly("j000", "j001");
  }

  @Test
  @Timeout(60)
  void aLongChainIsWalkedWithoutRecursion() {
    Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
    int length = 100_000;
    for (int i = 0; i < length; i++) {
      waitsFor.put("j" + i, Set.of("j" + ((i + 1) % length)));
    }

    assertThat(DependencyCycles.find(waitsFor)).singleElement().asList().hasSize(length);
  }
}
