package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.NOTIFIER;
import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static dev.gort.systemtest.GortStack.WORKER;
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
  private final Http.Session api;

  /** The stack's APIs as the operator {@code ops}. */
  StackClient(GortStack stack) {
    this(stack, "ops");
  }

  private StackClient(GortStack stack, String user) {
    this.stack = stack;
    this.api = Http.as(stack.token(user));
  }

  /**
   * The same, as local user {@code user} ({@code alice}, {@code bob}, {@code ops}, {@code admin}).
   */
  StackClient as(String user) {
    return new StackClient(stack, user);
  }

  /** The session of this client's caller, for calls this class does not wrap. */
  Http.Session api() {
    return api;
  }

  /** Upserts an experiment in the simulated source; ready ones are picked up by polling. */
  String newExperiment(boolean ready) {
    return newExperiment(ready, null);
  }

  /**
   * An experiment owned by {@code owner} (a local user's name; null: a made-up owner of its own),
   * with an email address of its own.
   */
  String newExperiment(boolean ready, String owner) {
    return newExperiment(ready, owner, null);
  }

  /**
   * An experiment owned by {@code owner} (null: a made-up owner of its own) whose owner's address
   * is {@code ownerEmail} with {@code {slug}} replaced by the experiment's slug (null: {@code
   * <slug>@example.com}), e.g. {@code slow-{slug}@example.com} for the SMTP sink's slow mailboxes.
   */
  String newExperiment(boolean ready, String owner, String ownerEmail) {
    String slug = "st-" + shortId();
    Http.Answer a =
        Http.post(
            stack.url(SIMULATORS) + "/sim/experiments",
            Http.json(
                Map.of(
                    "slug",
                    slug,
                    "owner",
                    owner == null ? "owner-" + slug : owner,
                    "ownerEmail",
                    ownerEmail == null ? slug + "@example.com" : ownerEmail.replace("{slug}", slug),
                    "ready",
                    ready)));
    assertThat(a.status()).isEqualTo(200);
    return slug;
  }

  /** What the sim runner does on each attempt for {@code slug}. */
  void scenario(String slug, List<String> attempts, int delayMs) {
    scenario("sim", slug, attempts, delayMs);
  }

  /** What runner {@code runner}'s simulator does on each attempt of {@code slug}. */
  void scenario(String runner, String slug, List<String> attempts, int delayMs) {
    Http.Answer a =
        Http.put(
            stack.url(SIMULATORS) + "/sim/runners/" + runner + "/scenarios/" + slug,
            Http.json(Map.of("attempts", attempts, "delayMs", delayMs)));
    assertThat(a.status()).isEqualTo(200);
  }

  /**
   * A sim scenario whose jobs that end with results serve {@code body} as a {@code format} document
   * (junit, tap, tuxsuite, kcidb, gort).
   */
  void scenarioWithResults(String slug, List<String> attempts, String format, String body) {
    Http.Answer a =
        Http.put(
            stack.url(SIMULATORS) + "/sim/runners/sim/scenarios/" + slug,
            Http.json(
                Map.of(
                    "attempts",
                    attempts,
                    "delayMs",
                    100,
                    "results",
                    Map.of("format", format, "body", body))));
    assertThat(a.status()).isEqualTo(200);
  }

  /** The report of run {@code runId}, as the results worker lists it. */
  JsonNode awaitReport(String runId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> api.get(stack.url(WORKER) + "/api/v1/reports?run=" + runId).json().path("value"),
            v -> v.size() == 1)
        .get(0);
  }

  Http.Answer requestRun(String slug, String body) {
    return api.post(stack.url(SCHEDULER) + "/api/v1/experiments/" + slug + "/test-runs", body);
  }

  Http.Answer requestRun(String slug, String body, Map<String, String> headers) {
    return api.post(
        stack.url(SCHEDULER) + "/api/v1/experiments/" + slug + "/test-runs", body, headers);
  }

  JsonNode getRun(String runId) {
    return api.get(stack.url(SCHEDULER) + "/api/v1/test-runs/" + runId).json();
  }

  Http.Answer operation(String operationId) {
    return api.get(stack.url(SCHEDULER) + "/api/v1/operations/" + operationId);
  }

  Http.Answer cancel(String operationId) {
    return api.delete(stack.url(SCHEDULER) + "/api/v1/operations/" + operationId);
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
    return jobs("sim", slug);
  }

  /** The jobs runner {@code runner}'s simulator received for {@code slug}, oldest first. */
  List<JsonNode> jobs(String runner, String slug) {
    List<JsonNode> jobs = new ArrayList<>();
    Http.get(stack.url(SIMULATORS) + "/sim/runners/" + runner + "/jobs?experiment=" + slug)
        .json()
        .path("value")
        .forEach(jobs::add);
    return jobs;
  }

  JsonNode awaitJob(String slug) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> jobs(slug), j -> !j.isEmpty()).get(0);
  }

  /** The mail the SMTP sink holds for experiment {@code slug}'s owner, one per Message-ID. */
  List<JsonNode> mailTo(String slug) {
    return mailAt(slug + "@example.com");
  }

  /**
   * The mail the SMTP sink holds for {@code address}, oldest first: one per Message-ID, with its
   * {@code messageId} and {@code timesReceived} (more than 1: sent again under the same id).
   */
  List<JsonNode> mailAt(String address) {
    List<JsonNode> mail = new ArrayList<>();
    Http.get(
            stack.url(SIMULATORS)
                + "/sim/mail?to="
                + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8))
        .json()
        .path("value")
        .forEach(mail::add);
    return mail;
  }

  /** The notifier's notifications of run {@code runId}, as this client's caller sees them. */
  List<JsonNode> notifications(String runId) {
    Http.Answer a = api.get(stack.url(NOTIFIER) + "/api/v1/notifications?run=" + runId);
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    List<JsonNode> notifications = new ArrayList<>();
    a.json().path("value").forEach(notifications::add);
    return notifications;
  }

  List<JsonNode> awaitMail(String slug, int count) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(slug), m -> m.size() >= count);
  }

  /** The {@code token} of a callback URL: the per-attempt secret its callbacks are signed over. */
  static String tokenOf(String callbackUrl) {
    return callbackUrl.substring(callbackUrl.indexOf("&token=") + "&token=".length());
  }

  /**
   * {@code X-Gort-Signature} as the sim runner makes it, with the stack's runner secret:
   * HMAC-SHA256 over the callback URL's token, a line feed and the body. For tests that play a
   * runner.
   */
  static String callbackSignature(String token, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              GortStack.RUNNER_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "HmacSHA256"));
      return "sha256="
          + java.util.HexFormat.of()
              .formatHex(
                  mac.doFinal(
                      (token + "\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> states(JsonNode run) {
    return run.path("history").findValuesAsText("state");
  }

  /** Asserts seed 000's "Completed → Running: Job Retries" happened exactly once in {@code run}. */
  static void assertRetriedOnce(JsonNode run) {
    List<String> states = states(run);
    int retries = 0;
    for (int i = 1; i < states.size(); i++) {
      if (states.get(i - 1).equals("COMPLETED") && states.get(i).equals("RUNNING")) {
        retries++;
      }
    }
    assertThat(retries).as("COMPLETED → RUNNING in %s", states).isEqualTo(1);
  }

  /** The reasons of a run's history, oldest first. */
  static List<String> reasons(JsonNode run) {
    return run.path("history").findValuesAsText("reason");
  }

  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
