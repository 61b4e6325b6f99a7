package dev.gort.gateway.runner.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub's documents as its REST API and webhooks send them (shaped on the examples of
 * docs.github.com's "Workflow runs" reference and octokit/webhooks' workflow_run payloads), with
 * the few values a test varies filled in.
 */
public final class GitHubFixtures {

  static final String NOT_FOUND =
      "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\",\"status\":\"404\"}";
  static final String BAD_CREDENTIALS =
      "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}";

  private GitHubFixtures() {}

  /** A REST workflow run object (also a workflow_run webhook's {@code workflow_run}). */
  static String run(long id, String name, String status, String conclusion) {
    return resource("workflow-run.json")
        .replace("\"@ID@\"", Long.toString(id))
        .replace("@ID@", Long.toString(id))
        .replace("@NAME@", name)
        .replace("@STATUS@", status)
        .replace("\"@CONCLUSION@\"", conclusion == null ? "null" : "\"" + conclusion + "\"");
  }

  static String runs(String... runs) {
    return "{\"total_count\":"
        + runs.length
        + ",\"workflow_runs\":["
        + String.join(",", runs)
        + "]}";
  }

  /** A workflow_run webhook payload. */
  public static String workflowRunEvent(String action, long id, String status, String conclusion) {
    return resource("workflow-run-event.json")
        .replace("@ACTION@", action)
        .replace("\"@RUN@\"", run(id, "gort att-1", status, conclusion));
  }

  static String workflowJobEvent(String action, long runId) {
    return resource("workflow-job-event.json")
        .replace("@ACTION@", action)
        .replace("\"@RUN_ID@\"", Long.toString(runId));
  }

  static String ping() {
    return resource("ping.json");
  }

  static GitHubActionsConfigValues config(String apiUrl) {
    return new GitHubActionsConfigValues(
        apiUrl,
        Optional.of("test-token"),
        Optional.of("test-webhook-secret"),
        Optional.of("octo-org/experiments"),
        Optional.of("gort.yml"),
        "main",
        "test-results",
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofMillis(600),
        Duration.ofMillis(100),
        Duration.ofHours(6));
  }

  private static String resource(String name) {
    try (InputStream in = GitHubFixtures.class.getResourceAsStream("/github/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource github/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runner's configuration, as values. */
  record GitHubActionsConfigValues(
      String apiUrl,
      Optional<String> token,
      Optional<String> webhookSecret,
      Optional<String> repository,
      Optional<String> workflow,
      String ref,
      String artifact,
      Duration connectTimeout,
      Duration readTimeout,
      Duration findRunWithin,
      Duration findRunEvery,
      Duration handedOverLookback)
      implements GitHubActionsConfig {}
}
