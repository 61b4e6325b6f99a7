package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.PROVISIONER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of {@code verify} (its name matches no test pattern): seed 004's whole
 * provisioning on the real stack against the simulators (the system stack's short waits: lease
 * ACTIVE after 1.5 s, server after 2 s, polls every 0.3 s). Prints, for one environment alone and
 * for {@code gort.bench.environments} (6) asked for at once: the time from the request to READY and
 * per step, the teardown time, and the OpenStack API calls per environment by service.
 *
 * <p>Run with {@code ./mvnw -pl system-tests -am verify -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ProvisioningBenchmark}.
 */
class ProvisioningBenchmark {

  private static final int ENVIRONMENTS = Integer.getInteger("gort.bench.environments", 6);

  private GortStack stack;
  private Http.Session alice;

  @Test
  void provisioningTimeAndCalls() throws Exception {
    stack = GortStack.shared();
    alice = Http.as(stack.token("alice"));
    Http.anonymous()
        .put(
            sim("/sim/openstack/timings"),
            Http.json(
                Map.of(
                    "leasePendingAfterMs",
                    300,
                    "leaseActiveAfterMs",
                    1500,
                    "serverActiveAfterMs",
                    2000)));
    // warm-up: the JVMs' first environment
    round(1, false);
    System.out.println("== one environment alone ==");
    round(1, true);
    System.out.println("== " + ENVIRONMENTS + " environments at once ==");
    round(ENVIRONMENTS, true);
  }

  private void round(int count, boolean print) {
    Http.anonymous().delete(sim("/sim/openstack/calls"));
    List<String> ids = new ArrayList<>();
    Map<String, Instant> asked = new java.util.HashMap<>();
    for (int i = 0; i < count; i++) {
      String repository = i % 2 == 0 ? "ml-gpu" : "cpu-only";
      Http.Answer a =
          alice.post(
              provisioner("/api/v1/environments"),
              Http.json(
                  Map.of("repositoryUrl", stack.url(SIMULATORS) + "/git/" + repository + ".git")));
      assertThat(a.status()).isEqualTo(202);
      String id = a.json().path("id").asText();
      ids.add(id);
      asked.put(id, Instant.now());
    }
    List<Long> ready = new ArrayList<>();
    Map<String, List<Long>> steps = new java.util.LinkedHashMap<>();
    for (String id : ids) {
      JsonNode env = awaitState(id, "READY");
      ready.add(Duration.between(asked.get(id), Instant.now()).toMillis());
      for (JsonNode step : env.path("steps")) {
        long ms =
            Duration.between(
                    Instant.parse(step.path("startedAt").asText()),
                    Instant.parse(step.path("endedAt").asText()))
                .toMillis();
        steps.computeIfAbsent(step.path("step").asText(), k -> new ArrayList<>()).add(ms);
      }
    }
    JsonNode provisioningCalls = Http.anonymous().get(sim("/sim/openstack/calls")).json();
    Instant teardownStart = Instant.now();
    for (String id : ids) {
      assertThat(alice.delete(provisioner("/api/v1/environments/" + id)).status()).isEqualTo(202);
    }
    List<Long> teardown = new ArrayList<>();
    for (String id : ids) {
      awaitState(id, "TORN_DOWN");
      teardown.add(Duration.between(teardownStart, Instant.now()).toMillis());
    }
    JsonNode allCalls = Http.anonymous().get(sim("/sim/openstack/calls")).json();
    if (!print) {
      return;
    }
    System.out.printf(
        "request → READY: p50 %d ms, max %d ms; teardown p50 %d ms, max %d ms%n",
        percentile(ready, 50),
        percentile(ready, 100),
        percentile(teardown, 50),
        percentile(teardown, 100));
    steps.forEach(
        (step, ms) ->
            System.out.printf(
                "  %-12s p50 %5d ms  max %5d ms%n", step, percentile(ms, 50), percentile(ms, 100)));
    System.out.printf(
        "OpenStack calls per environment: %.1f to READY, %.1f with the teardown%n",
        provisioningCalls.path("total").asDouble() / count,
        allCalls.path("total").asDouble() / count);
    allCalls
        .path("calls")
        .fields()
        .forEachRemaining(
            e -> System.out.printf("  %-18s %.1f%n", e.getKey(), e.getValue().asDouble() / count));
  }

  private JsonNode awaitState(String id, String state) {
    return await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> alice.get(provisioner("/api/v1/environments/" + id)).json(),
            e -> {
              String now = e.path("state").asText();
              if (!now.equals(state) && List.of("FAILED", "CANCELLED", "TORN_DOWN").contains(now)) {
                throw new AssertionError("environment ended " + now + ": " + e.path("failure"));
              }
              return now.equals(state);
            });
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private String sim(String path) {
    return stack.url(SIMULATORS) + path;
  }

  private String provisioner(String path) {
    return stack.url(PROVISIONER) + path;
  }
}
