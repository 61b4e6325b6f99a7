package dev.gort.console.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.console.pipelines.PipelineRun.Stage;
import dev.gort.console.pipelines.PipelineRun.Step;
import dev.gort.console.pipelines.StepGraph.Edge;
import dev.gort.console.pipelines.StepGraph.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepGraphTest {

  @Test
  void eachStageIsAColumnInPipelineOrder() {
    StepGraph graph =
        StepGraph.of(
            List.of(
                stage("build", step("compile", "build", null)),
                stage("test", step("unit", "test", null), step("lint", "test", null)),
                stage("report", step("summary", "report", null))));

    assertThat(graph.columns())
        .extracting(StepGraph.Column::name)
        .containsExactly("build", "test", "report");
    assertThat(node(graph, "compile").column()).isZero();
    assertThat(node(graph, "unit").column()).isEqualTo(1);
    assertThat(node(graph, "lint").column()).isEqualTo(1);
    assertThat(node(graph, "lint").row()).isEqualTo(1);
    assertThat(node(graph, "summary").column()).isEqualTo(2);
    assertThat(node(graph, "unit").x()).isGreaterThan(node(graph, "compile").x());
    assertThat(node(graph, "lint").y()).isGreaterThan(node(graph, "unit").y());
    assertThat(graph.nodes())
        .extracting(Node::anchor)
        .containsExactly("step-0", "step-1", "step-2", "step-3");
    for (Node n : graph.nodes()) {
      assertThat(n.x() + n.width()).isLessThanOrEqualTo(graph.width());
      assertThat(n.y() + n.height()).isLessThanOrEqualTo(graph.height());
    }
  }

  @Test
  void namedNeedsAreEdgesAsGiven() {
    StepGraph graph =
        StepGraph.of(
            List.of(
                stage("one", step("a", "one", null), step("b", "one", null)),
                stage("two", step("c", "two", List.of("b")), step("d", "two", List.of()))));

    assertThat(graph.edges()).extracting(e -> e.from() + ">" + e.to()).containsExactly("b>c");
    assertThat(graph.edges().get(0).implied()).isFalse();
    assertThat(graph.edges().get(0).path())
        .startsWith("M" + (StepGraph.PAD + StepGraph.NODE_WIDTH));
  }

  @Test
  void stageOrderIsDrawnOnlyWhereNoOtherPathImpliesIt() {
    // c needs (implicitly) a and b; e needs a, b, c, d of which only c and d are drawn
    StepGraph graph =
        StepGraph.of(
            List.of(
                stage("one", step("a", "one", null), step("b", "one", null)),
                stage("two", step("c", "two", null), step("d", "two", List.of())),
                stage("three", step("e", "three", null))));

    assertThat(graph.edges())
        .extracting(e -> e.from() + ">" + e.to())
        .containsExactlyInAnyOrder("a>c", "b>c", "c>e", "d>e");
    assertThat(graph.edges()).allMatch(Edge::implied);
  }

  @Test
  void aNeedWithinAStageLoopsOutToTheRight() {
    StepGraph graph =
        StepGraph.of(List.of(stage("one", step("a", "one", null), step("b", "one", List.of("a")))));

    Edge edge = graph.edges().get(0);
    int right = StepGraph.PAD + StepGraph.NODE_WIDTH;
    assertThat(edge.path())
        .startsWith("M" + right + " ")
        .endsWith(" " + right + " " + (node(graph, "b").y() + StepGraph.NODE_HEIGHT / 2));
  }

  @Test
  void needsOfUnknownJobsAndOfItselfAreLeftOut() {
    StepGraph graph = StepGraph.of(List.of(stage("one", step("a", "one", List.of("a", "ghost")))));

    assertThat(graph.edges()).isEmpty();
  }

  @Test
  void aFiveByTenGridHasNoOverlappingBoxes() {
    List<Stage> stages = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      List<Step> jobs = new ArrayList<>();
      for (int j = 0; j < 10; j++) {
        List<String> needs = s == 0 ? List.of() : List.of("job-" + (s - 1) + "-" + j);
        jobs.add(step("job-" + s + "-" + j, "stage-" + s, j % 2 == 0 ? needs : null));
      }
      stages.add(new Stage("stage-" + s, "pending", null, null, jobs));
    }

    StepGraph graph = StepGraph.of(stages);

    assertThat(graph.nodes()).hasSize(50);
    assertThat(graph.hasOverlaps()).isFalse();
    assertThat(graph.columns()).hasSize(5);
    assertThat(graph.nodes().stream().map(Node::column).distinct()).hasSize(5);
    assertThat(graph.nodes().stream().map(Node::row).distinct()).hasSize(10);
    // every box inside the drawing
    for (Node n : graph.nodes()) {
      assertThat(n.x()).isGreaterThanOrEqualTo(0);
      assertThat(n.x() + n.width()).isLessThanOrEqualTo(graph.width());
      assertThat(n.y()).isGreaterThanOrEqualTo(StepGraph.HEADER);
      assertThat(n.y() + n.height()).isLessThanOrEqualTo(graph.height());
    }
    // named needs drawn as named; the others from each job of the previous stage (the rest implied)
    assertThat(graph.edges()).anyMatch(e -> e.from().equals("job-0-0") && e.to().equals("job-1-0"));
    assertThat(graph.edges().stream().filter(e -> e.to().equals("job-1-1"))).hasSize(10);
    assertThat(graph.edges().stream().filter(e -> e.to().equals("job-2-1")))
        .extracting(Edge::from)
        .allMatch(from -> from.startsWith("job-1-"));
  }

  @Test
  void longNamesAreCutOnTheBox() {
    String name = "a-very-long-job-name-that-goes-on-and-on";

    assertThat(StepGraph.label(name)).hasSize(StepGraph.MAX_LABEL).endsWith("…");
    assertThat(StepGraph.label("short")).isEqualTo("short");
  }

  private static Node node(StepGraph graph, String id) {
    return graph.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  private static Stage stage(String name, Step... jobs) {
    return new Stage(name, "pending", null, null, List.of(jobs));
  }

  private static Step step(String id, String stage, List<String> needs) {
    return new Step(
        id, stage, "local", "test", "waiting", needs, null, false, false, List.of(), null, null,
        null, null, List.of());
  }
}
