package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the system tests do through the stack's HTTP APIs: script the simulators, drive runs. */
final class StackClient {

  private final GortStack stack;

  StackClient(GortStack stack) {
    this.stack = stack;
  }

  /** Upserts an experiment in the simulated source; ready ones are picked up by polling. */
  String newExperiment(boolean ready) {
    String slug = "st-" + shortId();
    Http.Answer a =
        Http.post(
            stack.url(SIMULATORS) + "/sim/experiments",
            Http.json(
                Map.of(
                    "slug",
                    slug,
                    "owner",
                    "owner-" + slug,
                    "ownerEmail",
                    slug + "@example.com",
                    "ready",
                    ready)));
    assertThat(a.status()).isEqualTo(200);
    return slug;
  }

  /** What the sim runner does on each attempt for {@code slug}. */
  void scenario(String slug, List<String> attempts, int delayMs) {
    Http.Answer a =
        Http.put(
            stack.url(SIMULATORS) + "/sim/runners/sim/scenarios/" + slug,
            Http.json(Map.of("attempts", attempts, "delayMs", delayMs)));
    assertThat(a.status()).isEqualTo(200);
  }

  Http.Answer requestRun(String slug, String body) {
    return Http.post(stack.url(SCHEDULER) + "/api/v1/experiments/" + slug + "/test-runs", body);
  }

  JsonNode getRun(String runId) {
    return Http.get(stack.url(SCHEDULER) + "/api/v1/test-runs/" + runId).json();
  }

  Http.Answer operation(String operationId) {
    return Http.get(stack.url(SCHEDULER) + "/api/v1/operations/" + operationId);
  }

  Http.Answer cancel(String operationId) {
    return Http.delete(stack.url(SCHEDULER) + "/api/v1/operations/" + operationId);
  }

  JsonNode awaitFinished(String runId) {
    return awaitState(runId, "FINISHED", Duration.ofSeconds(60));
  }

  JsonNode awaitState(String runId, String state, Duration atMost) {
    return await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> getRun(runId), r -> state.equals(r.path("state").asText()));
  }

  /** The jobs the sim runner received for {@code slug}, in the order received. */
  List<JsonNode> jobs(String slug) {
    List<JsonNode> jobs = new ArrayList<>();
    Http.get(stack.url(SIMULATORS) + "/sim/runners/sim/jobs?experiment=" + slug)
        .json()
        .path("value")
        .forEach(jobs::add);
    return jobs;
  }

  JsonNode awaitJob(String slug) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> jobs(slug), j -> !j.isEmpty()).get(0);
  }

  List<JsonNode> mailTo(String slug) {
    List<JsonNode> mail = new ArrayList<>();
    Http.get(stack.url(SIMULATORS) + "/sim/mail?to=" + slug + "@example.com")
        .json()
        .path("value")
        .forEach(mail::add);
    return mail;
  }

  List<JsonNode> awaitMail(String slug, int count) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(slug), m -> m.size() >= count);
  }

  static List<String> states(JsonNode run) {
    return run.path("history").findValuesAsText("state");
  }

  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
