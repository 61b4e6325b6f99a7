package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of {@code verify} (its name matches no test pattern): a pipeline's
 * scheduling overhead on the real stack with the {@code local} runner agent (issue 13, "Done
 * when"). Every job is {@code true}, so what is measured is Gort's own work between one job's end
 * and the start of the job that needs it.
 *
 * <p>Two shapes of {@code gort.bench.jobs} (50) jobs, after a warm-up run of a short chain:
 *
 * <ul>
 *   <li>a chain: each job needs the one before it ({@code jobs - 1} edges, one job at a time), run
 *       {@code gort.bench.rounds} (2) times;
 *   <li>a grid of {@code jobs / gort.bench.width} stages of {@code gort.bench.width} (10) jobs,
 *       each needing the job of the same column in the stage before: the columns run side by side,
 *       at most the scheduler's {@code maxParallel} jobs at once, so its edges include the wait for
 *       a free slot.
 * </ul>
 *
 * Per dependency edge, from timestamps the system records (no client polling): <b>end →
 * dispatch</b> is from the need's job ending at the agent ({@code finishedDateTime} of the agent's
 * job) to the agent receiving the dependent's job ({@code createdDateTime}); it is split into the
 * <b>result leg</b> (agent end → the scheduler applying its {@code RunCompleted}: callback,
 * gateway, outbox, Kafka; the attempt's {@code finishedDateTime} in the run view), the scheduler's
 * <b>decision</b> (result applied → dependent dispatched, the attempt's {@code startedDateTime};
 * the same transaction) and the <b>dispatch leg</b> (scheduler's {@code RunRequested} → the job at
 * the agent: outbox, Kafka, the gateway's dispatch loop, its call to the agent). A job with several
 * needs counts the edge from the need that ended last. All the processes run on this machine, so
 * their clocks agree. Prints p50/p99/max per measure and the total pipeline time.
 *
 * <p>Run with {@code ./mvnw -pl system-tests -am verify -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PipelineSchedulingBenchmark}.
 */
class PipelineSchedulingBenchmark {

  private static final int JOBS = Integer.getInteger("gort.bench.jobs", 50);
  private static final int ROUNDS = Integer.getInteger("gort.bench.rounds", 2);
  private static final int WIDTH = Integer.getInteger("gort.bench.width", 10);

  /** The timestamps of one edge, in milliseconds. */
  private record Edge(long endToDispatch, long resultLeg, long decision, long dispatchLeg) {}

  private GortStack stack;
  private Http.Session alice;

  @Test
  void schedulingOverheadPerDependencyEdge() throws Exception {
    stack = GortStack.shared();
    alice = Http.as(stack.token("alice"));

    // the first pipeline after a start waits for consumers to settle: not counted
    measure("warm-up: chain of 5", chain(5));

    List<Edge> chainEdges = new ArrayList<>();
    for (int r = 1; r <= ROUNDS; r++) {
      chainEdges.addAll(measure("chain of " + JOBS + ", round " + r, chain(JOBS)));
    }
    int stages = Math.max(2, JOBS / WIDTH);
    List<Edge> gridEdges = measure(stages + " stages x " + WIDTH + " jobs", grid(stages, WIDTH));

    System.out.println();
    System.out.println("all chain rounds (" + ROUNDS + " x " + (JOBS - 1) + " edges):");
    printEdges(chainEdges);
    System.out.println(stages + " stages x " + WIDTH + " (the wait for a free slot included):");
    printEdges(gridEdges);
  }

  /** A pipeline and what each of its jobs needs. */
  private record Shape(String name, String yaml, Map<String, List<String>> needs) {}

  private static Shape chain(int jobs) {
    String name = "bench-chain-" + StackClient.shortId();
    StringBuilder yaml = new StringBuilder("pipeline: " + name + "\nstages: [chain]\njobs:\n");
    Map<String, List<String>> needs = new LinkedHashMap<>();
    for (int i = 0; i < jobs; i++) {
      String job = String.format("j%03d", i);
      List<String> need = i == 0 ? List.of() : List.of(String.format("j%03d", i - 1));
      needs.put(job, need);
      yaml.append("  ")
          .append(job)
          .append(": {stage: chain, needs: [")
          .append(String.join(", ", need))
          .append("], script: [\"true\"]}\n");
    }
    return new Shape(name, yaml.toString(), needs);
  }

  private static Shape grid(int stages, int width) {
    String name = "bench-grid-" + StackClient.shortId();
    List<String> stageNames = new ArrayList<>();
    for (int s = 1; s <= stages; s++) {
      stageNames.add("s" + s);
    }
    StringBuilder yaml =
        new StringBuilder(
            "pipeline: " + name + "\nstages: [" + String.join(", ", stageNames) + "]\njobs:\n");
    Map<String, List<String>> needs = new LinkedHashMap<>();
    for (int s = 1; s <= stages; s++) {
      for (int c = 1; c <= width; c++) {
        String job = "s" + s + "-c" + c;
        List<String> need = s == 1 ? List.of() : List.of("s" + (s - 1) + "-c" + c);
        needs.put(job, need);
        yaml.append("  ")
            .append(job)
            .append(": {stage: s")
            .append(s)
            .append(", needs: [")
            .append(String.join(", ", need))
            .append("], script: [\"true\"]}\n");
      }
    }
    return new Shape(name, yaml.toString(), needs);
  }

  /** Runs {@code shape} to its end and prints and returns its edges. */
  private List<Edge> measure(String label, Shape shape) {
    Http.Answer requested =
        alice.post(
            stack.url(GortStack.SCHEDULER) + "/api/v1/pipeline-runs",
            Http.json(Map.of("pipeline", shape.yaml())));
    assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
    String id = requested.json().path("id").asText();
    JsonNode run =
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    alice
                        .get(stack.url(GortStack.SCHEDULER) + "/api/v1/pipeline-runs/" + id)
                        .json(),
                r -> !r.path("status").asText().matches("NOT_STARTED|RUNNING|WAITING_FOR_USER"));
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");

    Map<String, JsonNode> attempts = new LinkedHashMap<>();
    Map<String, JsonNode> agentJobs = new LinkedHashMap<>();
    for (String job : shape.needs().keySet()) {
      JsonNode step = PipelineIT.step(run, job);
      assertThat(step.path("attempts")).as(job).hasSize(1);
      attempts.put(job, step.path("attempts").get(0));
      agentJobs.put(job, agentJob(step.path("attempts").get(0).path("runnerJobId").asText()));
    }
    List<Edge> edges = new ArrayList<>();
    Instant firstCreated = null;
    Instant lastEnded = null;
    for (Map.Entry<String, List<String>> e : shape.needs().entrySet()) {
      String job = e.getKey();
      Instant created = time(agentJobs.get(job), "createdDateTime");
      Instant ended = time(agentJobs.get(job), "finishedDateTime");
      firstCreated =
          firstCreated == null || created.isBefore(firstCreated) ? created : firstCreated;
      lastEnded = lastEnded == null || ended.isAfter(lastEnded) ? ended : lastEnded;
      String release = null;
      for (String need : e.getValue()) {
        if (release == null
            || time(agentJobs.get(need), "finishedDateTime")
                .isAfter(time(agentJobs.get(release), "finishedDateTime"))) {
          release = need;
        }
      }
      if (release == null) {
        continue;
      }
      Instant needEnded = time(agentJobs.get(release), "finishedDateTime");
      Instant resultApplied = time(attempts.get(release), "finishedDateTime");
      Instant dispatched = time(attempts.get(job), "startedDateTime");
      edges.add(
          new Edge(
              millis(needEnded, created),
              millis(needEnded, resultApplied),
              millis(resultApplied, dispatched),
              millis(dispatched, created)));
    }
    long total =
        millis(
            Instant.parse(run.path("startedDateTime").asText()),
            Instant.parse(run.path("finishedDateTime").asText()));
    System.out.printf(
        "%s: %d jobs, maxParallel %d, pipeline %d ms (run start → end as the scheduler saw it),"
            + " first job at the agent → last job ended %d ms%n",
        label,
        shape.needs().size(),
        run.path("maxParallel").asInt(),
        total,
        millis(firstCreated, lastEnded));
    printEdges(edges);
    return edges;
  }

  private JsonNode agentJob(String runnerJobId) {
    Http.Answer a =
        Http.as(GortStack.LOCAL_RUNNER_TOKEN)
            .get(stack.url(GortStack.LOCAL_RUNNER) + "/api/v1/jobs/" + runnerJobId);
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    return a.json();
  }

  private static Instant time(JsonNode node, String field) {
    String text = node.path(field).asText(null);
    assertThat(text).as("%s of %s", field, node).isNotNull();
    return Instant.parse(text);
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  private static void printEdges(List<Edge> edges) {
    Latencies.print(
        "  end → dispatch (agent to agent)", edges.stream().map(Edge::endToDispatch).toList());
    Latencies.print(
        "    result leg (agent end → scheduler)", edges.stream().map(Edge::resultLeg).toList());
    Latencies.print("    scheduler decision", edges.stream().map(Edge::decision).toList());
    Latencies.print(
        "    dispatch leg (scheduler → job at agent)",
        edges.stream().map(Edge::dispatchLeg).toList());
  }
}
