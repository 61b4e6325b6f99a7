package dev.gort.gateway.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.signature.HmacSignature;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.CallbackRejectedException;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.JobIds;
import dev.gort.gateway.runner.RunnerReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A repository webhook delivery (docs.github.com "Webhook events and payloads"; octokit/webhooks
 * schemas): its {@code X-Hub-Signature-256} checked over the raw body, in constant time, before
 * anything is parsed; then read by its {@code X-GitHub-Event}. A repository's webhook carries every
 * run of every workflow, so whatever cannot be Gort's is {@linkplain RunnerReport#ignored ignored},
 * and a run id Gort does not know is the gateway's to ignore.
 */
final class GitHubWebhook {

  static final String SIGNATURE = "X-Hub-Signature-256";
  static final String EVENT = "X-GitHub-Event";
  static final String DELIVERY = "X-GitHub-Delivery";

  /** The gateway takes at most 1 MiB; strings (a commit message, say) up to that are fine. */
  static final JsonBody.Limits LIMITS =
      JsonBody.Limits.of(1024 * 1024, 1024 * 1024).ignoringUnknownFields();

  private final Optional<String> secret;
  private final String artifact;

  /**
   * @param artifact the artifact a passed run's results are in: the configured default, since a
   *     delivery names no attempt (and so no settings)
   */
  GitHubWebhook(Optional<String> secret, String artifact) {
    this.secret = secret;
    this.artifact = artifact;
  }

  RunnerReport verify(CallbackRequest request) {
    if (secret.isEmpty()) {
      throw CallbackRejectedException.badSignature(
          "no webhook secret is configured (gort.runner.github-actions.webhook-secret)");
    }
    if (!HmacSignature.verify(secret.get(), request.body(), request.header(SIGNATURE))) {
      throw CallbackRejectedException.badSignature("missing or invalid " + SIGNATURE);
    }
    String delivery = request.header(DELIVERY);
    if (!JobIds.valid(delivery)) {
      throw CallbackRejectedException.malformed(
          "no " + DELIVERY + " of 1 to 200 visible characters");
    }
    String event = request.header(EVENT);
    if (event == null || event.isBlank()) {
      throw CallbackRejectedException.malformed("no " + EVENT + " header");
    }
    RunnerReport report =
        switch (event) {
          case "ping" -> RunnerReport.ignored("ping from hook " + hookOf(request));
          case "workflow_run" -> workflowRun(tree(request.body()));
          case "workflow_job" -> workflowJob(tree(request.body()));
          default ->
              RunnerReport.ignored("event " + Untrusted.quote(event) + " is not one Gort reads");
        };
    return report.withDelivery(delivery);
  }

  private RunnerReport workflowRun(JsonNode body) {
    String action = text(body, "action", "action");
    JsonNode run = object(body, "workflow_run");
    String runId = id(run, "id", "workflow_run.id");
    int attempt = run.path("run_attempt").asInt(1);
    String event = run.path("event").asText(null);
    if (event != null && !"workflow_dispatch".equals(event)) {
      return RunnerReport.ignored(
          "workflow_run "
              + runId
              + " was triggered by "
              + Untrusted.quote(event)
              + ", not by Gort");
    }
    if (attempt > 1) {
      return RunnerReport.ignored(reRun(runId, attempt));
    }
    return switch (action) {
      case "requested", "in_progress" ->
          RunnerReport.progress(runId, null, "workflow_run " + action + ", run_attempt " + attempt);
      case "completed" -> completed(run, runId, attempt);
      default ->
          RunnerReport.ignored(
              "workflow_run action " + Untrusted.quote(action) + " is not one Gort reads");
    };
  }

  private RunnerReport completed(JsonNode run, String runId, int attempt) {
    String conclusion = text(run, "conclusion", "workflow_run.conclusion");
    RunnerStatus outcome = GitHubConclusions.outcome(conclusion);
    String results =
        GitHubConclusions.hasResults(conclusion)
            ? resultsUrl(text(run, "artifacts_url", "workflow_run.artifacts_url"), artifact)
            : null;
    return RunnerReport.finished(
        runId,
        null,
        outcome,
        results,
        "conclusion: " + Untrusted.escape(conclusion, 40) + ", run_attempt " + attempt);
  }

  private static RunnerReport workflowJob(JsonNode body) {
    String action = text(body, "action", "action");
    JsonNode job = object(body, "workflow_job");
    String runId = id(job, "run_id", "workflow_job.run_id");
    int attempt = job.path("run_attempt").asInt(1);
    if (attempt > 1) {
      return RunnerReport.ignored(reRun(runId, attempt));
    }
    return RunnerReport.progress(
        runId,
        null,
        "workflow_job "
            + Untrusted.escape(action, 40)
            + ": "
            + Untrusted.escape(job.path("name").asText(""), 100));
  }

  /**
   * Where a run's results are: its artifacts listed by name (REST "list workflow run artifacts").
   */
  static String resultsUrl(String artifactsUrl, String artifact) {
    return artifactsUrl + "?name=" + URLEncoder.encode(artifact, StandardCharsets.UTF_8);
  }

  private static String reRun(String runId, int attempt) {
    return "run_attempt "
        + attempt
        + " of workflow run "
        + runId
        + " is a re-run on GitHub, not an attempt Gort dispatched";
  }

  private static String hookOf(CallbackRequest request) {
    String hook = request.header("X-GitHub-Hook-ID");
    return hook == null ? "(unnamed)" : Untrusted.escape(hook, 40);
  }

  private static JsonNode tree(byte[] body) {
    JsonNode tree;
    try {
      tree = JsonBody.tree(body, LIMITS);
    } catch (ProblemException e) {
      throw CallbackRejectedException.malformed(e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw CallbackRejectedException.malformed("the webhook body is not a JSON object");
    }
    return tree;
  }

  private static JsonNode object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw CallbackRejectedException.malformed("the webhook has no " + field + " object");
    }
    return value;
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw CallbackRejectedException.malformed("the webhook has no " + path);
    }
    return value.asText();
  }

  private static String id(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() <= 0) {
      throw CallbackRejectedException.malformed("the webhook has no numeric " + path);
    }
    return Long.toString(value.asLong());
  }
}
