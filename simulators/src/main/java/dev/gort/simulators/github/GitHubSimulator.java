package dev.gort.simulators.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.signature.HmacSignature;
import dev.gort.common.web.ProblemException;
import dev.gort.simulators.runner.AttemptBehaviour;
import dev.gort.simulators.runner.RunnerConfig;
import dev.gort.simulators.runner.Scenario;
import dev.gort.simulators.runner.ScenarioBook;
import dev.gort.simulators.runner.SimulatedRunner;
import dev.gort.simulators.runner.TestResults;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The simulated GitHub (runner code {@code github-actions}): repositories with a dispatchable
 * workflow whose runs end as the scenario word of the experiment they were dispatched for (input
 * {@code gort_experiment}) says, the REST API Gort calls, and the repository webhooks it sends.
 * Every repository also runs a workflow of its own ({@code nightly.yml}) that is none of Gort's
 * business, whose correctly signed events reach the same webhook.
 */
@Singleton
public class GitHubSimulator implements SimulatedRunner {

  static final String CODE = "github-actions";

  /** The simulated workflow's {@code run-name: gort ${{ inputs.gort_attempt_id }}}. */
  static final String RUN_NAME_PREFIX = "gort ";

  static final int MAX_INPUTS = 25;
  static final byte[] UNPARSEABLE_RESULTS = "<testsuite><testcase".getBytes(StandardCharsets.UTF_8);

  private static final Logger LOG = Logger.getLogger(GitHubSimulator.class);

  private final ScenarioBook scenarios;
  private final WebhookSender sender;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final GitHubJson json;
  private final RateLimit rateLimit;
  private final Optional<byte[]> token;
  private final Optional<String> webhookSecret;
  private final String defaultWebhookUrl;
  private final URI gateway;
  private final Map<String, SimulatedRepository> repositories = new ConcurrentHashMap<>();
  private final Map<Long, WorkflowRun> runs = new ConcurrentHashMap<>();
  private final Map<Long, WorkflowRun> runByArtifact = new ConcurrentHashMap<>();
  private final AtomicLong repositoryIds = new AtomicLong();
  private final AtomicLong runIds = new AtomicLong(30_000_000_000L);
  private final AtomicLong jobIds = new AtomicLong(80_000_000_000L);
  private final AtomicLong artifactIds = new AtomicLong(5_000_000_000L);
  private final Map<Long, AtomicLong> runNumbers = new ConcurrentHashMap<>();

  @Inject
  public GitHubSimulator(
      ScenarioBook scenarios,
      WebhookSender sender,
      ObjectMapper mapper,
      Clock clock,
      RunnerConfig runners,
      GitHubConfig config) {
    this.scenarios = scenarios;
    this.sender = sender;
    this.mapper = mapper;
    this.clock = clock;
    String publicUrl = runners.publicUrl().replaceAll("/+$", "");
    this.json = new GitHubJson(mapper, publicUrl + "/github", publicUrl);
    this.rateLimit = new RateLimit(clock);
    this.token =
        config.token().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.webhookSecret = config.webhookSecret().filter(s -> !s.isEmpty());
    this.gateway = URI.create(runners.gatewayUrl());
    this.defaultWebhookUrl = requireOnGateway(config.webhookUrl(), "gort.sim.github.webhook-url");
  }

  void warnIfUnconfigured(@Observes StartupEvent event) {
    if (token.isEmpty()) {
      LOG.warn("gort.sim.github.token is empty: the simulated GitHub API answers every call 401");
    }
    if (webhookSecret.isEmpty()) {
      LOG.warn(
          "gort.sim.github.webhook-secret is empty: simulated GitHub webhooks go unsigned (set"
              + " GORT_GITHUB_WEBHOOK_SECRET)");
    }
  }

  @Override
  public String code() {
    return CODE;
  }

  // ---- the REST API ----

  /**
   * Authenticates and counts one API call: the rate-limit headers to answer it with.
   *
   * @throws GitHubApiError 401 {@code Bad credentials}, or 403/429 while a rate limit is imposed
   */
  Map<String, String> admit(String authorization) {
    if (!authorized(authorization)) {
      throw new GitHubApiError(401, "Bad credentials");
    }
    return rateLimit.spend();
  }

  private boolean authorized(String authorization) {
    if (token.isEmpty() || authorization == null) {
      return false;
    }
    // GitHub takes "Bearer <token>" and the older "token <token>"
    String given;
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = authorization.substring(7).trim();
    } else if (authorization.regionMatches(true, 0, "token ", 0, 6)) {
      given = authorization.substring(6).trim();
    } else {
      return false;
    }
    return MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8));
  }

  /** What a dispatch answered: the run's details (200), or nothing (204). */
  record Dispatched(ObjectNode details) {}

  Dispatched dispatch(String owner, String name, String workflowId, byte[] body) {
    SimulatedRepository repo = repository(owner, name);
    SimulatedRepository.Workflow workflow =
        repo.workflow(workflowId).orElseThrow(GitHubApiError::notFound);
    JsonNode request = parse(body);
    if (!request.hasNonNull("ref") || !request.get("ref").isTextual()) {
      throw GitHubApiError.unprocessable("Invalid request.\n\n\"ref\" wasn't supplied.");
    }
    boolean detailsAsked = request.path("return_run_details").asBoolean(false);
    SimulatedRepository.RunDetails mode = repo.runDetails();
    if (mode == SimulatedRepository.RunDetails.REJECTED && request.has("return_run_details")) {
      throw GitHubApiError.unprocessable(
          "Invalid request.\n\n\"return_run_details\" is not a permitted key.");
    }
    Map<String, String> inputs = inputs(request.get("inputs"));
    String ref = request.get("ref").asText();
    String branch =
        repo.branch(ref)
            .orElseThrow(() -> GitHubApiError.unprocessable("No ref found for: " + ref));
    WorkflowRun run = startGortRun(repo, workflow, branch, inputs);
    if (repo.foreignRuns()) {
      startForeignRun(repo, "success", Scenario.DEFAULT_DELAY_MS);
    }
    return new Dispatched(
        detailsAsked && mode == SimulatedRepository.RunDetails.RETURNED
            ? json.dispatched(run)
            : null);
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new GitHubApiError(400, "Problems parsing JSON");
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || !node.isObject()) {
        throw new GitHubApiError(400, "Problems parsing JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new GitHubApiError(400, "Problems parsing JSON");
    } catch (java.io.IOException e) {
      throw new GitHubApiError(400, "Problems parsing JSON");
    }
  }

  private static Map<String, String> inputs(JsonNode node) {
    Map<String, String> inputs = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return inputs;
    }
    if (!node.isObject()) {
      throw GitHubApiError.unprocessable(
          "Invalid request.\n\nFor 'properties/inputs', " + node + " is not an object.");
    }
    if (node.size() > MAX_INPUTS) {
      throw GitHubApiError.unprocessable(
          "Invalid request.\n\nNo more than "
              + MAX_INPUTS
              + " properties are allowed; "
              + node.size()
              + " were supplied.");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> input = it.next();
      JsonNode value = input.getValue();
      if (!value.isTextual() && !value.isBoolean() && !value.isNumber()) {
        throw GitHubApiError.unprocessable(
            "Invalid request.\n\nFor 'properties/"
                + input.getKey()
                + "', "
                + value
                + " is not a string.");
      }
      inputs.put(input.getKey(), value.asText());
    }
    return inputs;
  }

  /** One page of a workflow's runs, newest first, as {@code GET …/workflows/{id}/runs} pages. */
  record RunsPage(ObjectNode body, int total, int page, int perPage) {}

  RunsPage runs(
      String owner,
      String name,
      String workflowId,
      String event,
      String status,
      String branch,
      String created,
      int perPage,
      int page) {
    SimulatedRepository repo = repository(owner, name);
    SimulatedRepository.Workflow workflow =
        repo.workflow(workflowId).orElseThrow(GitHubApiError::notFound);
    Predicate<Instant> createdMatches = created == null ? t -> true : CreatedFilter.parse(created);
    int size = Math.max(1, Math.min(perPage, 100));
    int number = Math.max(1, page);
    List<WorkflowRun> matching =
        runs.values().stream()
            .filter(r -> r.repository() == repo && r.workflow().equals(workflow))
            .filter(r -> event == null || event.equals(r.event()))
            .filter(
                r -> status == null || status.equals(r.status()) || status.equals(r.conclusion()))
            .filter(r -> branch == null || branch.equals(r.branch()))
            .filter(r -> createdMatches.test(r.createdAt().truncatedTo(ChronoUnit.SECONDS)))
            .sorted(Comparator.comparingLong(WorkflowRun::id).reversed())
            .toList();
    int from = (int) Math.min((long) (number - 1) * size, matching.size());
    int to = Math.min(from + size, matching.size());
    return new RunsPage(
        json.runs(matching.size(), matching.subList(from, to)), matching.size(), number, size);
  }

  ObjectNode run(String owner, String name, long runId) {
    WorkflowRun run = responsive(find(owner, name, runId));
    run.countRead();
    return json.run(run);
  }

  /**
   * Cancels a run: GitHub answers 202 and completes it {@code cancelled} shortly after.
   *
   * @throws GitHubApiError 409 for a run that has completed already
   */
  void cancel(String owner, String name, long runId) {
    WorkflowRun run = responsive(find(owner, name, runId));
    if (!run.requestCancel()) {
      throw new GitHubApiError(409, "Cannot cancel a workflow run that is completed.");
    }
    sender.after(0, () -> complete(run, "cancelled"));
  }

  ObjectNode artifacts(String owner, String name, long runId, String artifactName) {
    WorkflowRun run = responsive(find(owner, name, runId));
    WorkflowRun.Artifact artifact = run.artifact();
    List<WorkflowRun.Artifact> listed =
        artifact == null || (artifactName != null && !artifactName.equals(artifact.name()))
            ? List.of()
            : List.of(artifact);
    return json.artifacts(run, listed);
  }

  /**
   * The URL an artifact's {@code …/zip} redirects to, as GitHub's points at short-lived storage.
   */
  String artifactBlobUrl(String owner, String name, long artifactId) {
    WorkflowRun run = runByArtifact.get(artifactId);
    if (run == null || run.repository() != repository(owner, name)) {
      throw GitHubApiError.notFound();
    }
    return json.apiRoot() + "/_blobs/artifacts/" + artifactId + ".zip";
  }

  /** An artifact's zip; 404 as a problem for an id no run uploaded (not a GitHub API path). */
  byte[] artifactZip(long artifactId) {
    WorkflowRun run = runByArtifact.get(artifactId);
    if (run == null || run.artifact() == null) {
      throw ProblemException.notFound("no artifact " + artifactId);
    }
    return run.artifact().zip();
  }

  private WorkflowRun find(String owner, String name, long runId) {
    WorkflowRun run = runs.get(runId);
    if (run == null || run.repository() != repository(owner, name)) {
      throw GitHubApiError.notFound();
    }
    return run;
  }

  private static WorkflowRun responsive(WorkflowRun run) {
    if (!run.responsive()) {
      throw new GitHubApiError(503, "Service Unavailable");
    }
    return run;
  }

  SimulatedRepository repository(String owner, String name) {
    return repositories.computeIfAbsent(
        SimulatedRepository.key(owner, name),
        key ->
            new SimulatedRepository(
                repositoryIds.incrementAndGet(), owner, name, defaultWebhookUrl));
  }

  // ---- the runs ----

  private WorkflowRun startGortRun(
      SimulatedRepository repo,
      SimulatedRepository.Workflow workflow,
      String branch,
      Map<String, String> inputs) {
    String experiment = inputs.get("gort_experiment");
    Scenario scenario = experiment == null ? Scenario.DEFAULT : scenarios.get(CODE, experiment);
    AttemptBehaviour behaviour = scenario.forAttempt(attemptOf(inputs.get("gort_attempt")));
    String attemptId = inputs.get("gort_attempt_id");
    WorkflowRun run =
        new WorkflowRun(
            runIds.incrementAndGet(),
            jobIds.incrementAndGet(),
            repo,
            workflow,
            nextRunNumber(workflow),
            attemptId == null ? workflow.name() : RUN_NAME_PREFIX + attemptId,
            "workflow_dispatch",
            branch,
            inputs,
            behaviour,
            conclusionOf(behaviour),
            clock.instant());
    runs.put(run.id(), run);
    schedule(run, scenario.delayMs());
    return run;
  }

  /** A run of the repository's other workflow, none of Gort's business, sent to the same hook. */
  WorkflowRun startForeignRun(SimulatedRepository repo, String conclusion, long delayMs) {
    SimulatedRepository.Workflow workflow = repo.foreignWorkflow();
    WorkflowRun run =
        new WorkflowRun(
            runIds.incrementAndGet(),
            jobIds.incrementAndGet(),
            repo,
            workflow,
            nextRunNumber(workflow),
            workflow.name(),
            "schedule",
            "main",
            Map.of(),
            null,
            conclusion,
            clock.instant());
    runs.put(run.id(), run);
    schedule(run, delayMs);
    return run;
  }

  private int nextRunNumber(SimulatedRepository.Workflow workflow) {
    return (int)
        runNumbers.computeIfAbsent(workflow.id(), id -> new AtomicLong()).incrementAndGet();
  }

  private static int attemptOf(String text) {
    try {
      return text == null ? 1 : Math.max(1, Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The conclusion each scenario word completes with; null: the run never completes. */
  static String conclusionOf(AttemptBehaviour behaviour) {
    return switch (behaviour) {
      case PASS, BAD_RESULTS, LOST_WEBHOOK, RESULTS_LATE -> "success";
      case FAIL -> "failure";
      case REPORT_TIMEOUT -> "timed_out";
      case INFRA_FAILURE -> "startup_failure";
      case CANCELLED -> "cancelled";
      case TIMEOUT, UNRESPONSIVE -> null;
    };
  }

  /**
   * The run's life: requested (and its job queued) now, in progress after half the delay, completed
   * after the delay; a startup failure never starts its job.
   */
  private void schedule(WorkflowRun run, long delayMs) {
    send(run, "workflow_run", "requested");
    boolean startsJob = !"startup_failure".equals(run.conclusionAtEnd());
    if (startsJob) {
      send(run, "workflow_job", "queued");
      run.nextStep(
          sender.after(
              delayMs / 2,
              () -> {
                if (run.start(clock.instant())) {
                  send(run, "workflow_run", "in_progress");
                  send(run, "workflow_job", "in_progress");
                  if (run.conclusionAtEnd() != null) {
                    run.nextStep(
                        sender.after(
                            delayMs - delayMs / 2, () -> complete(run, run.conclusionAtEnd())));
                  }
                }
              }));
    } else {
      run.nextStep(sender.after(delayMs, () -> complete(run, run.conclusionAtEnd())));
    }
  }

  private void complete(WorkflowRun run, String conclusion) {
    Instant now = clock.instant();
    if (!run.complete(conclusion, artifactOf(run, conclusion, now), now)) {
      return;
    }
    if (run.artifact() != null) {
      runByArtifact.put(run.artifact().id(), run);
    }
    if (!"startup_failure".equals(conclusion)) {
      send(run, "workflow_job", "completed");
    }
    send(run, "workflow_run", "completed");
  }

  /** The results the simulated workflow uploads when its tests ran: none for other ends. */
  private WorkflowRun.Artifact artifactOf(WorkflowRun run, String conclusion, Instant now) {
    if (!run.isGort() || !("success".equals(conclusion) || "failure".equals(conclusion))) {
      return null;
    }
    String jobId = Long.toString(run.id());
    String experiment = run.inputs().get("gort_experiment");
    byte[] content =
        switch (run.behaviour()) {
          case BAD_RESULTS -> UNPARSEABLE_RESULTS;
          case FAIL -> JunitReport.of(TestResults.failed(jobId, experiment));
          default -> JunitReport.of(TestResults.passed(jobId, experiment));
        };
    return new WorkflowRun.Artifact(
        artifactIds.incrementAndGet(),
        "test-results",
        ArtifactZip.of(ArtifactZip.RESULTS_FILE, content),
        now);
  }

  private void send(WorkflowRun run, String event, String action) {
    if (!run.sendsWebhooks()) {
      return;
    }
    ObjectNode payload =
        "workflow_run".equals(event)
            ? json.workflowRunEvent(action, run)
            : json.workflowJobEvent(action, run);
    WebhookDelivery delivery = delivery(run.repository(), event, action, payload);
    if (delivery != null) {
      run.deliverInOrder(delivery, sender::deliver);
    }
  }

  private WebhookDelivery delivery(
      SimulatedRepository repo, String event, String action, ObjectNode payload) {
    String url = repo.webhookUrl();
    if (url == null || url.isBlank()) {
      return null;
    }
    byte[] body = json.bytes(payload);
    return new WebhookDelivery(
        UUID.randomUUID().toString(),
        event,
        action,
        url,
        hookId(repo),
        repo.id(),
        body,
        webhookSecret.map(secret -> HmacSignature.sign(secret, body)).orElse(null));
  }

  private static long hookId(SimulatedRepository repo) {
    return 400_000_000L + repo.id();
  }

  // ---- the control API ----

  SimulatedRepository.View configure(String owner, String name, RepositorySettings settings) {
    SimulatedRepository.RunDetails mode = null;
    if (settings.runDetails() != null) {
      mode =
          SimulatedRepository.RunDetails.fromWord(settings.runDetails())
              .orElseThrow(
                  () ->
                      ProblemException.badRequest(
                          "runDetails must be one of: " + SimulatedRepository.RunDetails.words()));
    }
    String url =
        settings.webhookUrl() == null
            ? null
            : requireOnGateway(settings.webhookUrl(), "webhookUrl");
    SimulatedRepository repo = repository(owner, name);
    repo.configure(mode, url, settings.foreignRuns(), settings.branches());
    return repo.view();
  }

  /** Body of {@code PUT /sim/github/repos/{owner}/{repo}}; absent fields stay as they are. */
  public record RepositorySettings(
      String runDetails, String webhookUrl, Boolean foreignRuns, List<String> branches) {}

  SimulatedRepository.View view(String owner, String name) {
    return repository(owner, name).view();
  }

  CompletableFuture<Integer> ping(String owner, String name) {
    SimulatedRepository repo = repository(owner, name);
    WebhookDelivery delivery =
        delivery(repo, "ping", null, json.ping(repo, hookId(repo), repo.webhookUrl()));
    if (delivery == null) {
      throw ProblemException.conflict(
          "repository " + repo.fullName() + " has no webhook", Map.of());
    }
    return sender.deliver(delivery);
  }

  ObjectNode foreignRun(String owner, String name, String conclusion, Long delayMs) {
    String end = conclusion == null ? "success" : conclusion;
    if (!List.of("success", "failure", "cancelled", "timed_out", "skipped", "neutral")
        .contains(end)) {
      throw ProblemException.badRequest(
          "conclusion must be one of: success, failure, cancelled, timed_out, skipped, neutral");
    }
    long delay = delayMs == null ? Scenario.DEFAULT_DELAY_MS : delayMs;
    if (delay < 0) {
      throw ProblemException.badRequest("delayMs must be >= 0, was " + delay);
    }
    return json.run(startForeignRun(repository(owner, name), end, delay));
  }

  void imposeRateLimit(RateLimitRequest request) {
    int calls = request.calls() == null ? 1 : request.calls();
    int status = request.status() == null ? 403 : request.status();
    if (calls < 0 || (status != 403 && status != 429)) {
      throw ProblemException.badRequest("calls must be >= 0 and status 403 or 429");
    }
    if ((request.retryAfterSeconds() != null && request.retryAfterSeconds() < 0)
        || (request.resetInSeconds() != null && request.resetInSeconds() < 0)) {
      throw ProblemException.badRequest("retryAfterSeconds and resetInSeconds must be >= 0");
    }
    rateLimit.impose(
        new RateLimit.Imposed(
            calls, status, request.retryAfterSeconds(), request.resetInSeconds()));
  }

  /** How many more API calls fail with the imposed rate limit. */
  int rateLimitedCalls() {
    return rateLimit.failing();
  }

  /**
   * Body of {@code POST /sim/github/rate-limit}: the next {@code calls} (default 1) API calls
   * answer {@code status} (403 or 429, default 403), with {@code Retry-After} when {@code
   * retryAfterSeconds} is given and {@code x-ratelimit-reset} at {@code resetInSeconds} from now
   * (default 60 when there is no Retry-After).
   */
  public record RateLimitRequest(
      Integer calls, Integer status, Integer retryAfterSeconds, Integer resetInSeconds) {}

  @Override
  public List<JobView> jobs(String experiment, String runId) {
    return runs.values().stream()
        .filter(WorkflowRun::isGort)
        .filter(r -> experiment == null || experiment.equals(r.inputs().get("gort_experiment")))
        .filter(r -> runId == null || runId.equals(r.inputs().get("gort_run_id")))
        .sorted(Comparator.comparingLong(WorkflowRun::id))
        .map(this::view)
        .toList();
  }

  @Override
  public CompletableFuture<Integer> redeliver(String jobId) {
    WorkflowRun run;
    try {
      run = runs.get(Long.parseLong(jobId));
    } catch (NumberFormatException e) {
      run = null;
    }
    if (run == null || !run.isGort()) {
      throw ProblemException.notFound("runner '" + CODE + "' has no job " + jobId);
    }
    List<WebhookDelivery> sent = run.deliveries();
    if (sent.isEmpty()) {
      throw ProblemException.conflict(
          "job " + jobId + " has not sent a webhook yet; nothing to redeliver",
          Map.of("jobId", jobId));
    }
    return sender.redeliver(sent.get(sent.size() - 1));
  }

  private JobView view(WorkflowRun run) {
    Map<String, String> inputs = run.inputs();
    List<WebhookDelivery.View> webhooks =
        run.deliveries().stream().map(WebhookDelivery::view).toList();
    return new JobView(
        Long.toString(run.id()),
        run.repository().fullName(),
        run.workflow().file(),
        run.name(),
        inputs.get("gort_experiment"),
        inputs.get("gort_run_id"),
        inputs.containsKey("gort_attempt") ? attemptOf(inputs.get("gort_attempt")) : null,
        inputs.get("gort_attempt_id"),
        inputs.get("gort_revision"),
        run.branch(),
        run.behaviour().word(),
        run.status(),
        run.conclusion(),
        run.cancelled(),
        run.repository().webhookUrl(),
        webhooks.stream().mapToInt(WebhookDelivery.View::sent).sum(),
        run.apiReads(),
        GitHubJson.time(run.createdAt()),
        new ArrayList<>(inputs.keySet()),
        webhooks);
  }

  /**
   * A Gort workflow run as {@code GET /sim/runners/github-actions/jobs} lists it: {@code jobId} is
   * the workflow run id, as the gateway records it.
   */
  public record JobView(
      String jobId,
      String repository,
      String workflow,
      String name,
      String experiment,
      String runId,
      Integer attempt,
      String attemptId,
      String revision,
      String ref,
      String scenario,
      String status,
      String conclusion,
      boolean cancelled,
      String webhookUrl,
      int webhooksSent,
      int statusPolls,
      String createdAt,
      List<String> inputs,
      List<WebhookDelivery.View> webhooks) {}

  /**
   * Webhooks go to the gateway's origin only, so the simulator cannot be made to sign elsewhere.
   */
  private String requireOnGateway(String url, String setting) {
    URI target;
    try {
      target = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(setting + " is not a URI");
    }
    boolean onGateway =
        gateway.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme()))
            && gateway.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
            && (gateway.getPort() < 0 || gateway.getPort() == target.getPort());
    if (!onGateway) {
      throw ProblemException.badRequest(
          setting + " is not on the configured gateway " + gateway + " (gort.sim.gateway-url)");
    }
    return url;
  }
}
