package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of {@code verify} (its name matches no test pattern): how long a due
 * experiment waits to be dispatched when {@code gort.bench.experiments} (50) become due at once,
 * over {@code gort.bench.rounds} (5) rounds after one warm-up round, on the real stack (1 s polls).
 * Prints p50/p99 of
 *
 * <ul>
 *   <li>due → dispatched: the run's QUEUED time (the poll that found it due) to its RUNNING time
 *       (the gateway handed it to the runner);
 *   <li>upsert → dispatched: from making the experiment ready in the source, poll wait included.
 * </ul>
 *
 * Run with {@code ./mvnw -pl system-tests -am verify -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DueToDispatchedBenchmark}.
 */
class DueToDispatchedBenchmark {

  private static final int EXPERIMENTS = Integer.getInteger("gort.bench.experiments", 50);
  private static final int ROUNDS = Integer.getInteger("gort.bench.rounds", 5);

  @Test
  void dueToDispatchedLatency() throws Exception {
    GortStack stack = GortStack.shared();
    StackClient gort = new StackClient(stack);
    List<Long> dueToDispatched = new ArrayList<>();
    List<Long> upsertToDispatched = new ArrayList<>();
    // round 0 warms the stack up (consumer groups settling, JIT) and is not counted
    for (int r = 0; r <= ROUNDS; r++) {
      String prefix = "bench-" + StackClient.shortId() + "-";
      Map<String, Instant> upserted = new HashMap<>();
      for (int i = 0; i < EXPERIMENTS; i++) {
        String slug = prefix + i;
        gort.scenario(slug, List.of("pass"), 200);
        Http.Answer a =
            Http.post(
                stack.url(SIMULATORS) + "/sim/experiments",
                Http.json(
                    Map.of(
                        "slug",
                        slug,
                        "owner",
                        "bench",
                        "ownerEmail",
                        "bench@example.com",
                        "ready",
                        true)));
        assertThat(a.status()).isEqualTo(200);
        upserted.put(slug, Instant.now());
      }
      List<JsonNode> runs =
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> dispatchedRuns(gort, stack, prefix), found -> found.size() == EXPERIMENTS);
      List<Long> round = new ArrayList<>();
      for (JsonNode run : runs) {
        Instant queued = timeOf(run, "QUEUED");
        Instant running = timeOf(run, "RUNNING");
        round.add(Duration.between(queued, running).toMillis());
        if (r > 0) {
          upsertToDispatched.add(
              Duration.between(upserted.get(run.path("experiment").asText()), running).toMillis());
        }
      }
      Latencies.print("round " + r + (r == 0 ? " (warm-up)" : "") + ": due → dispatched", round);
      if (r == 0) {
        continue;
      }
      dueToDispatched.addAll(round);
    }
    Latencies.print("due → dispatched", dueToDispatched);
    Latencies.print("upsert → dispatched (poll wait included)", upsertToDispatched);
  }

  /** The runs of this round's experiments that have been dispatched (have entered RUNNING). */
  private static List<JsonNode> dispatchedRuns(StackClient gort, GortStack stack, String prefix) {
    List<JsonNode> runs = new ArrayList<>();
    JsonNode experiments =
        Http.get(stack.url(SCHEDULER) + "/api/v1/experiments?$top=1000").json().path("value");
    for (JsonNode e : experiments) {
      String runId = e.path("lastRun").path("id").asText(null);
      if (e.path("slug").asText().startsWith(prefix) && runId != null) {
        JsonNode run = gort.getRun(runId);
        if (StackClient.states(run).contains("RUNNING")) {
          runs.add(run);
        }
      }
    }
    return runs;
  }

  private static Instant timeOf(JsonNode run, String state) {
    for (JsonNode h : run.path("history")) {
      if (state.equals(h.path("state").asText())) {
        return Instant.parse(h.path("at").asText());
      }
    }
    throw new AssertionError("run " + run.path("id") + " never entered " + state);
  }
}
