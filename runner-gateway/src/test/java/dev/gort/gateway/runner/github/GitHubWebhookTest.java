package dev.gort.gateway.runner.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.event.RunnerStatus;
import dev.gort.gateway.runner.CallbackRejectedException;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.RunnerReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** verify() on deliveries shaped and signed as GitHub's are (HMAC computed here, independently). */
class GitHubWebhookTest {

  private static final String SECRET = "test-webhook-secret";

  private final GitHubActionsRunner runner =
      new GitHubActionsRunner(
          GitHubFixtures.config("http://127.0.0.1:1/api/v3"), Clock.systemUTC());

  @ParameterizedTest
  @CsvSource({
    "success, PASSED, true",
    "failure, FAILED, true",
    "cancelled, CANCELLED, false",
    "timed_out, TIMEOUT, false",
    "neutral, PASSED, true",
    "skipped, INFRA_FAILURE, false",
    "action_required, INFRA_FAILURE, false",
    "stale, INFRA_FAILURE, false",
    "startup_failure, INFRA_FAILURE, false",
    "some_future_conclusion, INFRA_FAILURE, false"
  })
  void completedRunReportsItsConclusion(String conclusion, RunnerStatus outcome, boolean results) {
    String delivery = UUID.randomUUID().toString();
    RunnerReport report =
        runner.verify(
            signed(
                "workflow_run",
                delivery,
                GitHubFixtures.workflowRunEvent(
                    "completed", 30000000123L, "completed", conclusion)));

    assertThat(report.isIgnored()).isFalse();
    assertThat(report.jobId()).isEqualTo("30000000123");
    assertThat(report.outcome()).isEqualTo(outcome);
    assertThat(report.deliveryId()).isEqualTo(delivery);
    assertThat(report.detail()).contains(conclusion).contains("run_attempt 1");
    if (results) {
      assertThat(report.resultsUrl())
          .isEqualTo(
              "https://api.github.com/repos/octo-org/experiments/actions/runs/30000000123/artifacts?name=test-results");
    } else {
      assertThat(report.resultsUrl()).isNull();
    }
  }

  @ParameterizedTest
  @CsvSource({"requested, queued", "in_progress, in_progress"})
  void startedRunIsProgressOnly(String action, String status) {
    RunnerReport report =
        runner.verify(
            signed(
                "workflow_run", "d-1", GitHubFixtures.workflowRunEvent(action, 77, status, null)));

    assertThat(report.isIgnored()).isFalse();
    assertThat(report.isFinished()).isFalse();
    assertThat(report.jobId()).isEqualTo("77");
    assertThat(report.detail()).contains(action);
  }

  @Test
  void workflowJobEventIsProgressOfItsRun() {
    for (String action : List.of("queued", "in_progress", "completed")) {
      RunnerReport report =
          runner.verify(
              signed(
                  "workflow_job",
                  "d-" + action,
                  GitHubFixtures.workflowJobEvent(action, 940463255)));
      assertThat(report.jobId()).isEqualTo("940463255");
      assertThat(report.isFinished()).isFalse();
      assertThat(report.isIgnored()).isFalse();
      assertThat(report.detail()).contains(action).contains("test");
    }
  }

  @Test
  void pingAndOtherEventsAreIgnored() {
    assertThat(runner.verify(signed("ping", "d-p", GitHubFixtures.ping())).ignored())
        .contains("ping");
    RunnerReport push = runner.verify(signed("push", "d-push", "{\"ref\":\"refs/heads/main\"}"));
    assertThat(push.ignored()).contains("push");
    assertThat(push.deliveryId()).isEqualTo("d-push");
  }

  @Test
  void runsNotDispatchedByGortAndReRunsAreIgnored() {
    String scheduled =
        GitHubFixtures.workflowRunEvent("completed", 88, "completed", "failure")
            .replace("\"event\": \"workflow_dispatch\"", "\"event\": \"schedule\"");
    assertThat(runner.verify(signed("workflow_run", "d-s", scheduled)).ignored())
        .contains("schedule");

    String reRun =
        GitHubFixtures.workflowRunEvent("completed", 89, "completed", "success")
            .replace("\"run_attempt\": 1", "\"run_attempt\": 2");
    assertThat(runner.verify(signed("workflow_run", "d-r", reRun)).ignored()).contains("re-run");
  }

  @Test
  void wrongOrMissingSignatureIs401BeforeAnythingIsRead() {
    byte[] body = "{not json at all".getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = headers("workflow_run", "d-x");
    headers.put("X-Hub-Signature-256", List.of("sha256=" + hmac("another-secret", body)));
    assertRejected(new CallbackRequest(headers, body, null, null), 401);

    headers.remove("X-Hub-Signature-256");
    assertRejected(new CallbackRequest(headers, body, null, null), 401);

    byte[] good = GitHubFixtures.ping().getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> tampered = headers("ping", "d-t");
    tampered.put("X-Hub-Signature-256", List.of("sha256=" + hmac(SECRET, good)));
    byte[] changed = GitHubFixtures.ping().replace("30", "31").getBytes(StandardCharsets.UTF_8);
    assertRejected(new CallbackRequest(tampered, changed, null, null), 401);
    tampered.put("X-Hub-Signature-256", List.of("sha1=" + hmac(SECRET, good)));
    assertRejected(new CallbackRequest(tampered, good, null, null), 401);
  }

  @Test
  void withoutASecretEveryDeliveryIsRefused() {
    GitHubFixtures.GitHubActionsConfigValues c = GitHubFixtures.config("http://127.0.0.1:1");
    GitHubActionsRunner unsigned =
        new GitHubActionsRunner(
            new GitHubFixtures.GitHubActionsConfigValues(
                c.apiUrl(),
                c.token(),
                java.util.Optional.empty(),
                c.repository(),
                c.workflow(),
                c.ref(),
                c.artifact(),
                c.connectTimeout(),
                c.readTimeout(),
                c.findRunWithin(),
                c.findRunEvery(),
                c.handedOverLookback()),
            Clock.systemUTC());

    assertThatThrownBy(() -> unsigned.verify(signed("ping", "d", GitHubFixtures.ping())))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void signedButMalformedDeliveriesAre400() {
    assertMalformed("workflow_run", "d-1", "{not json", null);
    assertMalformed("workflow_run", "d-2", "[]", null);
    assertMalformed("workflow_run", "d-3", "{\"action\":\"completed\"}", "workflow_run");
    assertMalformed(
        "workflow_run",
        "d-4",
        "{\"action\":\"completed\",\"workflow_run\":{\"id\":\"12\"}}",
        "workflow_run.id");
    assertMalformed(
        "workflow_run",
        "d-5",
        GitHubFixtures.workflowRunEvent("completed", 90, "completed", null),
        "conclusion");
    assertMalformed(
        "workflow_run",
        "d-6",
        GitHubFixtures.workflowRunEvent("completed", 91, "completed", "success")
            .replaceAll("\"artifacts_url\": \"[^\"]*\",", ""),
        "artifacts_url");
    assertMalformed(
        "workflow_job", "d-7", "{\"action\":\"queued\",\"workflow_job\":{\"id\":5}}", "run_id");
    assertMalformed("workflow_run", null, GitHubFixtures.ping(), "X-GitHub-Delivery");
    assertMalformed(null, "d-8", GitHubFixtures.ping(), "X-GitHub-Event");
  }

  private void assertMalformed(String event, String delivery, String body, String naming) {
    CallbackRequest request = signed(event, delivery, body);
    assertThatThrownBy(() -> runner.verify(request))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              if (naming != null) {
                assertThat(e.getMessage()).contains(naming);
              }
            });
  }

  private void assertRejected(CallbackRequest request, int status) {
    assertThatThrownBy(() -> runner.verify(request))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  private static CallbackRequest signed(String event, String delivery, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = headers(event, delivery);
    headers.put("X-Hub-Signature-256", List.of("sha256=" + hmac(SECRET, bytes)));
    return new CallbackRequest(headers, bytes, null, null);
  }

  private static Map<String, List<String>> headers(String event, String delivery) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("content-type", List.of("application/json"));
    headers.put("user-agent", List.of("GitHub-Hookshot/044aadd"));
    headers.put("x-github-hook-id", List.of("30"));
    if (event != null) {
      headers.put("x-github-event", List.of(event));
    }
    if (delivery != null) {
      headers.put("x-github-delivery", List.of(delivery));
    }
    return headers;
  }

  private static String hmac(String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
