package dev.gort.simulators.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.signature.Sha256;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * GitHub's JSON documents as the REST API and webhooks carry them, field names as GitHub spells
 * them (REST "workflow run" and "artifact" objects; octokit/webhooks payload schemas for {@code
 * workflow_run}, {@code workflow_job} and {@code ping}). API URLs start at {@code apiRoot} (as
 * GitHub Enterprise's {@code /api/v3}), web URLs at {@code htmlRoot}.
 */
final class GitHubJson {

  private final ObjectMapper mapper;
  private final String apiRoot;
  private final String htmlRoot;

  GitHubJson(ObjectMapper mapper, String apiRoot, String htmlRoot) {
    this.mapper = mapper;
    this.apiRoot = apiRoot;
    this.htmlRoot = htmlRoot;
  }

  String apiRoot() {
    return apiRoot;
  }

  static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  String repoUrl(SimulatedRepository repo) {
    return apiRoot + "/repos/" + repo.fullName();
  }

  String runUrl(WorkflowRun run) {
    return repoUrl(run.repository()) + "/actions/runs/" + run.id();
  }

  String runHtmlUrl(WorkflowRun run) {
    return htmlRoot + "/" + run.repository().fullName() + "/actions/runs/" + run.id();
  }

  String artifactsUrl(WorkflowRun run) {
    return runUrl(run) + "/artifacts";
  }

  String artifactZipUrl(WorkflowRun run, WorkflowRun.Artifact artifact) {
    return repoUrl(run.repository()) + "/actions/artifacts/" + artifact.id() + "/zip";
  }

  /** The 40-hex commit a branch of the simulated repository points at. */
  static String headSha(SimulatedRepository repo, String branch) {
    return Sha256.hex(repo.fullName() + "@" + branch).substring(0, 40);
  }

  ObjectNode user() {
    ObjectNode user = mapper.createObjectNode();
    user.put("login", "gort-bot");
    user.put("id", 1);
    user.put("node_id", nodeId("U", 1));
    user.put("type", "User");
    user.put("site_admin", false);
    user.put("url", apiRoot + "/users/gort-bot");
    user.put("html_url", htmlRoot + "/gort-bot");
    return user;
  }

  ObjectNode repository(SimulatedRepository repo) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", repo.id());
    node.put("node_id", nodeId("R", repo.id()));
    node.put("name", repo.name());
    node.put("full_name", repo.fullName());
    node.put("private", true);
    ObjectNode owner = node.putObject("owner");
    owner.put("login", repo.owner());
    owner.put("id", 1000 + repo.id());
    owner.put("type", "Organization");
    node.put("html_url", htmlRoot + "/" + repo.fullName());
    node.put("url", repoUrl(repo));
    node.put("default_branch", "main");
    return node;
  }

  ObjectNode workflow(SimulatedRepository repo, SimulatedRepository.Workflow workflow) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", workflow.id());
    node.put("node_id", nodeId("W", workflow.id()));
    node.put("name", workflow.name());
    node.put("path", workflow.path());
    node.put("state", "active");
    node.put("created_at", "2024-01-01T00:00:00Z");
    node.put("updated_at", "2024-01-01T00:00:00Z");
    node.put("url", repoUrl(repo) + "/actions/workflows/" + workflow.id());
    node.put("html_url", htmlRoot + "/" + repo.fullName() + "/blob/main/" + workflow.path());
    node.put(
        "badge_url",
        htmlRoot + "/" + repo.fullName() + "/workflows/" + workflow.name() + "/badge.svg");
    return node;
  }

  /** The REST "workflow run" object, also {@code workflow_run} in its webhook. */
  ObjectNode run(WorkflowRun run) {
    SimulatedRepository repo = run.repository();
    String sha = headSha(repo, run.branch());
    ObjectNode node = mapper.createObjectNode();
    node.put("id", run.id());
    node.put("name", run.name());
    node.put("node_id", nodeId("WFR", run.id()));
    node.put("head_branch", run.branch());
    node.put("head_sha", sha);
    node.put("path", run.workflow().path());
    node.put("display_title", run.name());
    node.put("run_number", run.runNumber());
    node.put("event", run.event());
    node.put("status", run.status());
    node.put("conclusion", run.conclusion());
    node.put("workflow_id", run.workflow().id());
    node.put("check_suite_id", run.id() + 1);
    node.put("check_suite_node_id", nodeId("CS", run.id() + 1));
    node.put("url", runUrl(run));
    node.put("html_url", runHtmlUrl(run));
    node.putArray("pull_requests");
    node.put("created_at", time(run.createdAt()));
    node.put("updated_at", time(run.updatedAt()));
    node.set("actor", user());
    node.put("run_attempt", 1);
    node.putArray("referenced_workflows");
    node.put("run_started_at", time(run.startedAt() == null ? run.createdAt() : run.startedAt()));
    node.set("triggering_actor", user());
    node.put("jobs_url", runUrl(run) + "/jobs");
    node.put("logs_url", runUrl(run) + "/logs");
    node.put("check_suite_url", repoUrl(repo) + "/check-suites/" + (run.id() + 1));
    node.put("artifacts_url", artifactsUrl(run));
    node.put("cancel_url", runUrl(run) + "/cancel");
    node.put("rerun_url", runUrl(run) + "/rerun");
    node.putNull("previous_attempt_url");
    node.put("workflow_url", repoUrl(repo) + "/actions/workflows/" + run.workflow().id());
    ObjectNode commit = node.putObject("head_commit");
    commit.put("id", sha);
    commit.put("tree_id", Sha256.hex(sha).substring(0, 40));
    commit.put("message", "Simulated commit on " + run.branch());
    commit.put("timestamp", "2024-01-01T00:00:00Z");
    ObjectNode author = commit.putObject("author");
    author.put("name", "Gort Simulator");
    author.put("email", "simulator@gort.invalid");
    commit.set("committer", author.deepCopy());
    node.set("repository", repository(repo));
    node.set("head_repository", repository(repo));
    return node;
  }

  /** {@code {"total_count", "workflow_runs"}}, one page of them. */
  ObjectNode runs(int total, List<WorkflowRun> page) {
    ObjectNode node = mapper.createObjectNode();
    node.put("total_count", total);
    ArrayNode listed = node.putArray("workflow_runs");
    page.forEach(r -> listed.add(run(r)));
    return node;
  }

  ObjectNode artifact(WorkflowRun run, WorkflowRun.Artifact artifact) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", artifact.id());
    node.put("node_id", nodeId("A", artifact.id()));
    node.put("name", artifact.name());
    node.put("size_in_bytes", artifact.zip().length);
    node.put("url", repoUrl(run.repository()) + "/actions/artifacts/" + artifact.id());
    node.put("archive_download_url", artifactZipUrl(run, artifact));
    node.put("expired", false);
    node.put("created_at", time(artifact.createdAt()));
    node.put("updated_at", time(artifact.createdAt()));
    node.put("expires_at", time(artifact.createdAt().plus(90, ChronoUnit.DAYS)));
    ObjectNode of = node.putObject("workflow_run");
    of.put("id", run.id());
    of.put("repository_id", run.repository().id());
    of.put("head_repository_id", run.repository().id());
    of.put("head_branch", run.branch());
    of.put("head_sha", headSha(run.repository(), run.branch()));
    return node;
  }

  ObjectNode artifacts(WorkflowRun run, List<WorkflowRun.Artifact> artifacts) {
    ObjectNode node = mapper.createObjectNode();
    node.put("total_count", artifacts.size());
    ArrayNode listed = node.putArray("artifacts");
    artifacts.forEach(a -> listed.add(artifact(run, a)));
    return node;
  }

  /**
   * The {@code workflow_run} event: {@code requested}, {@code in_progress} or {@code completed}.
   */
  ObjectNode workflowRunEvent(String action, WorkflowRun run) {
    ObjectNode node = mapper.createObjectNode();
    node.put("action", action);
    node.set("workflow_run", run(run));
    node.set("workflow", workflow(run.repository(), run.workflow()));
    node.set("repository", repository(run.repository()));
    node.set("sender", user());
    return node;
  }

  /** The {@code workflow_job} event of the run's one job: queued, in_progress or completed. */
  ObjectNode workflowJobEvent(String action, WorkflowRun run) {
    ObjectNode job = mapper.createObjectNode();
    job.put("id", run.jobId());
    job.put("run_id", run.id());
    job.put("workflow_name", run.workflow().name());
    job.put("head_branch", run.branch());
    job.put("run_url", runUrl(run));
    job.put("run_attempt", 1);
    job.put("node_id", nodeId("CR", run.jobId()));
    job.put("head_sha", headSha(run.repository(), run.branch()));
    job.put("url", repoUrl(run.repository()) + "/actions/jobs/" + run.jobId());
    job.put("html_url", runHtmlUrl(run) + "/job/" + run.jobId());
    job.put("status", action);
    job.put("conclusion", "completed".equals(action) ? run.conclusion() : null);
    job.put("created_at", time(run.createdAt()));
    job.put("started_at", time(run.startedAt() == null ? run.createdAt() : run.startedAt()));
    job.put("completed_at", "completed".equals(action) ? time(run.updatedAt()) : null);
    job.put("name", "test");
    job.putArray("steps");
    job.put("check_run_url", repoUrl(run.repository()) + "/check-runs/" + run.jobId());
    job.putArray("labels").add("ubuntu-latest");
    job.put("runner_id", "queued".equals(action) ? null : 7);
    job.put("runner_name", "queued".equals(action) ? null : "GitHub Actions 7");
    job.put("runner_group_id", "queued".equals(action) ? null : 2);
    job.put("runner_group_name", "queued".equals(action) ? null : "GitHub Actions");
    ObjectNode node = mapper.createObjectNode();
    node.put("action", action);
    node.set("workflow_job", job);
    node.set("repository", repository(run.repository()));
    node.set("sender", user());
    return node;
  }

  /** The {@code ping} GitHub sends when a webhook is created (or on "Ping" in its settings). */
  ObjectNode ping(SimulatedRepository repo, long hookId, String url) {
    ObjectNode node = mapper.createObjectNode();
    node.put("zen", "Keep it logically awesome.");
    node.put("hook_id", hookId);
    ObjectNode hook = node.putObject("hook");
    hook.put("type", "Repository");
    hook.put("id", hookId);
    hook.put("name", "web");
    hook.put("active", true);
    hook.putArray("events").add("workflow_job").add("workflow_run");
    ObjectNode config = hook.putObject("config");
    config.put("content_type", "json");
    config.put("insecure_ssl", "0");
    config.put("url", url);
    hook.put("updated_at", "2024-01-01T00:00:00Z");
    hook.put("created_at", "2024-01-01T00:00:00Z");
    hook.put("url", repoUrl(repo) + "/hooks/" + hookId);
    hook.put("test_url", repoUrl(repo) + "/hooks/" + hookId + "/test");
    hook.put("ping_url", repoUrl(repo) + "/hooks/" + hookId + "/pings");
    hook.put("deliveries_url", repoUrl(repo) + "/hooks/" + hookId + "/deliveries");
    node.set("repository", repository(repo));
    node.set("sender", user());
    return node;
  }

  ObjectNode dispatched(WorkflowRun run) {
    ObjectNode node = mapper.createObjectNode();
    node.put("workflow_run_id", run.id());
    node.put("run_url", runUrl(run));
    node.put("html_url", runHtmlUrl(run));
    return node;
  }

  byte[] bytes(Object document) {
    try {
      return mapper.writeValueAsBytes(document);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a GitHub document", e);
    }
  }

  private static String nodeId(String prefix, long id) {
    return prefix
        + "_"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Long.toString(id).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
