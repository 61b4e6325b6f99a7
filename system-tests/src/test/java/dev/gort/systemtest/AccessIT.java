package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.GATEWAY;
import static dev.gort.systemtest.GortStack.NOTIFIER;
import static dev.gort.systemtest.GortStack.PROVISIONER;
import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, on the real stack with tokens from the simulators' OIDC realm (the BOLA matrix):
 * alice and bob are owners, ops an operator, admin an admin. Every endpoint of every service is
 * tried by each of them, by no token, an expired token and a forged one: an owner reaches its own
 * things, another owner's answer 404 exactly as an unknown id does, lists show the caller's own,
 * the operator reaches everything, the dead letters only the admin, and a missing or bad token is a
 * 401 problem that changes nothing.
 */
class AccessIT {

  private static GortStack stack;
  private static StackClient ops;
  private static Sides alice;
  private static Sides bob;

  /** What one owner has on the stack after one finished run: ids to ask for. */
  record Sides(
      String user,
      String slug,
      String runId,
      String operationId,
      String reportId,
      String notificationId,
      StackClient client) {}

  @BeforeAll
  static void twoOwnersEachWithAFinishedRun() throws Exception {
    stack = GortStack.shared();
    ops = new StackClient(stack);
    alice = finishedRunOf("alice");
    bob = finishedRunOf("bob");
  }

  private static Sides finishedRunOf(String user) {
    StackClient client = ops.as(user);
    String slug = client.newExperiment(false, user);
    Http.Answer requested = client.requestRun(slug, null);
    assertThat(requested.status()).isEqualTo(202);
    assertThat(requested.json().path("requestedBy").asText()).isEqualTo(user);
    String runId = requested.json().path("id").asText();
    JsonNode run = ops.awaitFinished(runId);
    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(run.path("history").get(0).path("reason").asText())
        .isEqualTo("requested by " + user);
    JsonNode report =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> ops.api().get(stack.url(WORKER) + "/api/v1/reports?run=" + runId).json(),
                r -> r.path("value").size() == 1)
            .path("value")
            .get(0);
    JsonNode notification =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    ops.api()
                        .get(stack.url(NOTIFIER) + "/api/v1/notifications?run=" + runId)
                        .json(),
                n -> n.path("value").size() == 1)
            .path("value")
            .get(0);
    List<JsonNode> mail = ops.awaitMail(slug, 1);
    assertThat(mail).hasSize(1);
    assertThat(mail.get(0).path("body").asText()).contains("Requested by: " + user);
    return new Sides(
        user,
        slug,
        runId,
        run.path("operationId").asText(),
        report.path("id").asText(),
        notification.path("id").asText(),
        client);
  }

  @Test
  void anOwnerReachesItsOwnThingsAndAnotherOwnersAnswerAsIfTheyDidNotExist() {
    for (Sides[] pair : new Sides[][] {{alice, bob}, {bob, alice}}) {
      Sides me = pair[0];
      Sides other = pair[1];
      for (String[] item :
          List.of(
              new String[] {SCHEDULER, "/api/v1/test-runs/", me.runId(), other.runId()},
              new String[] {
                SCHEDULER, "/api/v1/operations/", me.operationId(), other.operationId()
              },
              new String[] {WORKER, "/api/v1/reports/", me.reportId(), other.reportId()})) {
        String base = stack.url(item[0]) + item[1];
        assertThat(me.client().api().get(base + item[2]).status()).as(base + " own").isEqualTo(200);
        Http.Answer foreign = me.client().api().get(base + item[3]);
        Http.Answer unknown = me.client().api().get(base + unknownLike(item[3]));
        assertThat(foreign.status()).as(base + " other owner's").isEqualTo(404);
        assertThat(foreign.json().path("detail").asText().replace(item[3], "ID"))
            .as("the same answer as an unknown id: nothing tells that it exists")
            .isEqualTo(unknown.json().path("detail").asText().replace(unknownLike(item[3]), "ID"));
      }
      // another owner's experiment: no run, no cancel
      assertThat(me.client().requestRun(other.slug(), null).status()).isEqualTo(404);
      assertThat(me.client().cancel(other.operationId()).status()).isEqualTo(404);

      assertOnlyOwn(
          me, other, SCHEDULER, "/api/v1/test-runs?$top=1000", "id", me.runId(), other.runId());
      assertOnlyOwn(
          me,
          other,
          SCHEDULER,
          "/api/v1/operations?$top=1000",
          "id",
          me.operationId(),
          other.operationId());
      assertOnlyOwn(
          me, other, SCHEDULER, "/api/v1/experiments?$top=1000", "slug", me.slug(), other.slug());
      assertOnlyOwn(
          me, other, WORKER, "/api/v1/reports?$top=1000", "id", me.reportId(), other.reportId());
      assertOnlyOwn(
          me,
          other,
          NOTIFIER,
          "/api/v1/notifications?$top=1000",
          "id",
          me.notificationId(),
          other.notificationId());
      // asking by the other's id through a filter finds nothing either
      assertThat(
              me.client()
                  .api()
                  .get(stack.url(WORKER) + "/api/v1/reports?run=" + other.runId())
                  .json()
                  .path("value"))
          .isEmpty();
      assertThat(me.client().api().get(stack.url(SCHEDULER) + "/api/v1/experiments/polls").status())
          .isEqualTo(403);
    }
  }

  @Test
  void theOperatorReachesEverythingAndOnlyTheAdminTheDeadLetters() {
    for (Sides owner : List.of(alice, bob)) {
      assertThat(
              ops.api().get(stack.url(SCHEDULER) + "/api/v1/test-runs/" + owner.runId()).status())
          .isEqualTo(200);
      assertThat(ops.api().get(stack.url(WORKER) + "/api/v1/reports/" + owner.reportId()).status())
          .isEqualTo(200);
    }
    assertThat(ops.api().get(stack.url(SCHEDULER) + "/api/v1/experiments/polls").status())
        .isEqualTo(200);
    assertThat(ops.api().get(stack.url(GATEWAY) + "/api/v1/runners").status()).isEqualTo(200);
    StackClient admin = ops.as("admin");
    for (String app : List.of(SCHEDULER, GATEWAY, WORKER, NOTIFIER, PROVISIONER)) {
      String deadLetters = stack.url(app) + "/api/v1/dead-letters";
      assertThat(ops.api().get(deadLetters).status()).as(app + " as operator").isEqualTo(403);
      assertThat(alice.client().api().get(deadLetters).status())
          .as(app + " as owner")
          .isEqualTo(403);
      assertThat(admin.api().get(deadLetters).status()).as(app + " as admin").isEqualTo(200);
    }
    // an operator's cancel says who did it
    String slug = alice.client().newExperiment(false, "alice");
    ops.scenario(slug, List.of("pass"), 20_000);
    JsonNode requested = alice.client().requestRun(slug, null).json();
    ops.awaitState(requested.path("id").asText(), "RUNNING", Duration.ofSeconds(30));
    assertThat(ops.cancel(requested.path("operationId").asText()).status()).isEqualTo(202);
    JsonNode cancelled = ops.getRun(requested.path("id").asText());
    assertThat(cancelled.path("summary").asText()).isEqualTo("cancelled by ops");
    assertThat(ops.awaitMail(slug, 1).get(0).path("body").asText()).contains("cancelled by ops");
  }

  @Test
  void withoutAValidTokenEveryApiIs401AndChangesNothing() throws Exception {
    List<Http.Session> callers =
        List.of(
            Http.anonymous(),
            Http.as(
                stack.mintedToken(
                    "alice", Instant.now().minusSeconds(7200), Duration.ofHours(1), "owner")),
            Http.as(stack.forgedToken("ops", "operator")),
            Http.as(stack.token("alice") + "tampered"));
    List<String[]> calls = new ArrayList<>();
    calls.add(new String[] {"GET", SCHEDULER, "/api/v1/test-runs/" + alice.runId()});
    calls.add(new String[] {"GET", SCHEDULER, "/api/v1/test-runs"});
    calls.add(
        new String[] {"POST", SCHEDULER, "/api/v1/experiments/" + alice.slug() + "/test-runs"});
    calls.add(new String[] {"DELETE", SCHEDULER, "/api/v1/operations/" + alice.operationId()});
    calls.add(new String[] {"GET", SCHEDULER, "/api/v1/operations"});
    calls.add(new String[] {"GET", SCHEDULER, "/api/v1/experiments"});
    calls.add(new String[] {"GET", GATEWAY, "/api/v1/runners"});
    calls.add(new String[] {"GET", WORKER, "/api/v1/reports/" + alice.reportId()});
    calls.add(new String[] {"GET", NOTIFIER, "/api/v1/notifications"});
    for (String app : List.of(SCHEDULER, GATEWAY, WORKER, NOTIFIER, PROVISIONER)) {
      calls.add(new String[] {"GET", app, "/api/v1/dead-letters"});
      calls.add(new String[] {"GET", app, "/q/metrics"});
    }
    int tries = 0;
    for (Http.Session caller : callers) {
      for (String[] call : calls) {
        String url = stack.url(call[1]) + call[2];
        Http.Answer answer =
            switch (call[0]) {
              case "POST" -> caller.post(url, null);
              case "DELETE" -> caller.delete(url);
              default -> caller.get(url);
            };
        assertThat(answer.status()).as("%s %s", call[0], url).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        tries++;
      }
    }
    System.out.printf("access: %d calls without a valid token, all 401%n", tries);
    assertThat(ops.getRun(alice.runId()).path("state").asText()).isEqualTo("FINISHED");
    assertThat(
            ops.api()
                .get(stack.url(SCHEDULER) + "/api/v1/test-runs?experiment=" + alice.slug())
                .json()
                .path("value"))
        .hasSize(1);
    // health stays open for probes
    for (String app : List.of(SCHEDULER, GATEWAY, WORKER, NOTIFIER, PROVISIONER)) {
      assertThat(Http.anonymous().get(stack.url(app) + "/q/health/ready").status()).isEqualTo(200);
    }
  }

  @Test
  void clientCredentialsWorkForAutomation() {
    Http.Answer token =
        Http.postForm(
            stack.issuer() + "/protocol/openid-connect/token",
            Map.of(
                "grant_type", "client_credentials",
                "client_id", "gort-automation",
                "client_secret", "automation-system-test"));
    assertThat(token.status()).isEqualTo(200);
    Http.Session automation = Http.as(token.json().path("access_token").asText());

    assertThat(automation.get(stack.url(SCHEDULER) + "/api/v1/test-runs/" + bob.runId()).status())
        .as("an operator service account")
        .isEqualTo(200);
  }

  private static void assertOnlyOwn(
      Sides me, Sides other, String app, String path, String field, String mine, String theirs) {
    List<String> seen =
        me.client().api().get(stack.url(app) + path).json().path("value").findValuesAsText(field);
    assertThat(seen).as(path + " as " + me.user()).contains(mine).doesNotContain(theirs);
  }

  private static String unknownLike(String id) {
    return id.substring(0, id.length() - 4) + "0000";
  }
}
