package dev.gort.gateway.runner.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.JobIds;
import dev.gort.gateway.runner.JobRejectedException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerApi;
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerRateLimitedException;
import dev.gort.gateway.runner.RunnerRefusedException;
import dev.gort.gateway.runner.RunnerReport;
import dev.gort.gateway.runner.RunnerUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * Runner code {@code github-actions}: a GitHub Actions workflow, dispatched with {@code
 * workflow_dispatch} and Gort's run and attempt as inputs; the workflow run id is the job id. Runs
 * report through the repository's webhook ({@link CallbackStyle#PER_RUNNER}), signed with its
 * secret; a run whose webhook never came is recovered by the status poll.
 * docs/runners/github-actions.md describes settings, configuration and the repository's setup.
 */
@ApplicationScoped
public class GitHubActionsRunner implements Runner {

  public static final String CODE = "github-actions";

  /** What the workflow's {@code run-name} must make of {@code inputs.gort_attempt_id}. */
  static final String RUN_NAME_PREFIX = "gort ";

  /** Gort's and GitHub's clocks differ a little: a run is looked for from this much earlier. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Logger LOG = Logger.getLogger(GitHubActionsRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,18}");

  private final GitHubActionsConfig config;
  private final Clock clock;
  private final RunnerApi api;
  private final GitHubWebhook webhook;
  private final RunLookup lookup;

  @Inject
  public GitHubActionsRunner(GitHubActionsConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.api =
        GitHubApi.client(
            config.apiUrl(),
            config.token().orElse(""),
            config.connectTimeout(),
            config.readTimeout());
    this.webhook =
        new GitHubWebhook(config.webhookSecret().filter(s -> !s.isEmpty()), config.artifact());
    this.lookup = new RunLookup(api::get, answer -> failure(answer, "list the workflow's runs"));
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<RunKind> kinds() {
    return EnumSet.of(RunKind.TEST, RunKind.BUILD);
  }

  @Override
  public Optional<String> unconfiguredReason() {
    List<String> missing = new ArrayList<>();
    if (config.token().filter(t -> !t.isBlank()).isEmpty()) {
      missing.add("no API token (gort.runner.github-actions.token, GORT_GITHUB_TOKEN)");
    }
    if (config.webhookSecret().filter(s -> !s.isEmpty()).isEmpty()) {
      missing.add(
          "no webhook secret (gort.runner.github-actions.webhook-secret,"
              + " GORT_GITHUB_WEBHOOK_SECRET)");
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
  }

  @Override
  public CallbackStyle callbackStyle() {
    return CallbackStyle.PER_RUNNER;
  }

  @Override
  public Map<String, Object> checkSettings(RunKind kind, Map<String, Object> requested) {
    if (!kinds().contains(kind)) {
      throw new InvalidSettingsException(
          "runner github-actions runs test and build jobs, not " + kind);
    }
    return GitHubSettings.check(requested, config).toMap();
  }

  @Override
  @Timeout(value = 45, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = {
        JobRejectedException.class,
        RunnerRefusedException.class,
        RunnerRateLimitedException.class
      })
  public String dispatch(DispatchRequest request) {
    requireConfigured();
    GitHubSettings settings;
    try {
      settings = GitHubSettings.from(request.settings());
    } catch (InvalidSettingsException e) {
      throw new JobRejectedException("invalid github-actions settings: " + e.getMessage(), e);
    }
    String runName = RUN_NAME_PREFIX + request.attemptId();
    Instant start = clock.instant();
    if (request.handedOverBefore()) {
      Optional<String> earlier =
          lookup.find(settings, runName, start.minus(config.handedOverLookback()));
      if (earlier.isPresent()) {
        LOG.infof(
            "attempt %s was dispatched before: workflow run %s",
            Untrusted.forLog(request.attemptId()), earlier.get());
        return earlier.get();
      }
    }
    Map<String, Object> body = dispatchBody(request, settings);
    body.put("return_run_details", true);
    RunnerApi.Answer answer = api.post(dispatchPath(settings), json(body));
    if (answer.is(200)) {
      Optional<String> runId = runIdOf(answer);
      if (runId.isPresent()) {
        return runId.get();
      }
    } else if ((answer.is(400) || answer.is(422))
        && answer.message().contains("return_run_details")) {
      // an older GitHub Enterprise Server refuses the parameter: dispatch without it
      LOG.infof(
          "GitHub at %s refuses return_run_details; dispatching without it and finding the run by"
              + " name",
          config.apiUrl());
      body.remove("return_run_details");
      answer = api.post(dispatchPath(settings), json(body));
      if (!answer.is(204) && !answer.is(200)) {
        throw dispatchFailure(answer, dispatchWhat(settings));
      }
    } else if (!answer.is(204)) {
      throw dispatchFailure(answer, dispatchWhat(settings));
    }
    return awaitRun(settings, runName, start.minus(CLOCK_SKEW));
  }

  /** Gort's inputs, then the settings' own (which checkSettings kept clear of gort_*). */
  private static Map<String, Object> dispatchBody(
      DispatchRequest request, GitHubSettings settings) {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("gort_run_id", request.runId());
    inputs.put("gort_attempt", Integer.toString(request.attempt()));
    inputs.put("gort_attempt_id", request.attemptId());
    inputs.put("gort_experiment", request.experiment());
    inputs.put("gort_revision", request.revision() == null ? "" : request.revision());
    inputs.putAll(settings.inputs());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", settings.ref());
    body.put("inputs", inputs);
    return body;
  }

  /** Polls for the dispatched run a bounded while: GitHub lists it a moment after the 204. */
  private String awaitRun(GitHubSettings settings, String runName, Instant since) {
    Instant deadline = clock.instant().plus(config.findRunWithin());
    while (true) {
      Optional<String> found = lookup.find(settings, runName, since);
      if (found.isPresent()) {
        return found.get();
      }
      if (!clock.instant().plus(config.findRunEvery()).isBefore(deadline)) {
        // the dispatch may have started it: the next try must look before dispatching again
        throw new RunnerUnavailableException(
            "GitHub accepted the dispatch of "
                + dispatchWhat(settings)
                + " but listed no run named '"
                + runName
                + "' within "
                + config.findRunWithin()
                + " (does the workflow declare run-name: gort ${{ inputs.gort_attempt_id }}?)",
            null);
      }
      try {
        Thread.sleep(config.findRunEvery().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunnerUnavailableException("interrupted while looking for the run", e);
      }
    }
  }

  // no circuit breaker: one job whose halt fails must not hold back the halts of every other job
  // (the halt queue backs off and gives up per job), as for status polls
  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  public String cancel(RunnerJob job) {
    requireConfigured();
    GitHubSettings settings = settingsOf(job);
    if (!RUN_ID.matcher(job.jobId()).matches()) {
      return "job id " + Untrusted.quote(job.jobId()) + " is no workflow run id: nothing to halt";
    }
    RunnerApi.Answer answer = api.post(runPath(settings, job.jobId()) + "/cancel");
    return switch (answer.status()) {
      case 202 -> "cancel requested (202)";
      case 409 -> "the run had completed already (409): nothing left to halt";
      case 404 ->
          "GitHub knows no run "
              + job.jobId()
              + " in "
              + settings.repository()
              + " (404): nothing to halt";
      default ->
          throw failure(answer, "cancel run " + job.jobId() + " in " + settings.repository());
    };
  }

  // no circuit breaker: one run's silence must not read as every run's; polls are few (overdue
  // jobs only) and backed off per job
  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  public RunnerJobStatus status(RunnerJob job) {
    requireConfigured();
    GitHubSettings settings = settingsOf(job);
    if (!RUN_ID.matcher(job.jobId()).matches()) {
      return RunnerJobStatus.running("job id is no workflow run id");
    }
    RunnerApi.Answer answer = api.get(runPath(settings, job.jobId()));
    if (answer.is(404)) {
      return RunnerJobStatus.running("unknown to GitHub (404)");
    }
    if (!answer.is(200)) {
      throw failure(answer, "read run " + job.jobId() + " in " + settings.repository());
    }
    JsonNode run = answer.json();
    String status = run == null ? null : run.path("status").asText(null);
    if (status == null || status.isBlank()) {
      throw new RunnerUnavailableException(
          "GitHub answered the status poll without a status", null);
    }
    if (!"completed".equals(status)) {
      return RunnerJobStatus.running(Untrusted.escape(status, 40));
    }
    String conclusion = run.path("conclusion").asText("");
    String artifactsUrl = run.path("artifacts_url").asText(null);
    String results =
        GitHubConclusions.hasResults(conclusion) && artifactsUrl != null
            ? GitHubWebhook.resultsUrl(artifactsUrl, settings.artifact())
            : null;
    String said = "completed: " + Untrusted.escape(conclusion, 40);
    return RunnerJobStatus.recovered(
        said,
        RunnerReport.finished(
            job.jobId(),
            job.kind(),
            GitHubConclusions.outcome(conclusion),
            results,
            "conclusion: "
                + Untrusted.escape(conclusion, 40)
                + ", run_attempt "
                + run.path("run_attempt").asInt(1)
                + " (status poll)"));
  }

  @Override
  public RunnerReport verify(CallbackRequest request) {
    return webhook.verify(request);
  }

  /**
   * What an answer other than the expected ones throws: a rate limit waits (not counted); 401 and
   * 5xx are GitHub being unusable now; 404 and 422 refuse the job; any other 4xx is refused.
   */
  private RuntimeException failure(RunnerApi.Answer answer, String what) {
    Optional<Instant> retryAt = GitHubRateLimit.retryAt(answer, clock.instant());
    if (retryAt.isPresent()) {
      return new RunnerRateLimitedException(
          "GitHub's rate limit ("
              + answer.status()
              + ") stops us to "
              + what
              + " until "
              + retryAt.get(),
          retryAt.get());
    }
    int status = answer.status();
    if (status == 401) {
      return new RunnerUnavailableException(
          "GitHub refused the token (401 "
              + answer.message()
              + "): check gort.runner.github-actions.token (GORT_GITHUB_TOKEN)",
          null);
    }
    if (status >= 500 || status < 400) {
      return new RunnerUnavailableException("GitHub answered " + status + " to " + what, null);
    }
    return new RunnerRefusedException(
        "GitHub refused to " + what + " (" + status + "): " + answer.message(), null);
  }

  /** The failure of a dispatch: a workflow, ref or inputs GitHub refuses ends the attempt. */
  private RuntimeException dispatchFailure(RunnerApi.Answer answer, String what) {
    RuntimeException failure = failure(answer, what);
    if (failure instanceof RunnerRefusedException
        && (answer.is(404) || answer.is(422) || answer.is(400))) {
      String why =
          answer.is(404)
              ? "no such repository or workflow, or the token may not see it"
              : answer.message();
      return new JobRejectedException(
          "GitHub refused to " + what + " (" + answer.status() + "): " + why, failure);
    }
    return failure;
  }

  private void requireConfigured() {
    unconfiguredReason()
        .ifPresent(
            why -> {
              throw new RunnerUnavailableException(
                  "runner github-actions is not configured: " + why, null);
            });
  }

  private static GitHubSettings settingsOf(RunnerJob job) {
    try {
      return GitHubSettings.from(job.settings());
    } catch (InvalidSettingsException e) {
      throw new RunnerRefusedException(
          "the job's github-actions settings are invalid: " + e.getMessage(), e);
    }
  }

  private static Optional<String> runIdOf(RunnerApi.Answer answer) {
    JsonNode json = answer.json();
    JsonNode id = json == null ? null : json.get("workflow_run_id");
    if (id == null || !id.isIntegralNumber() || id.asLong() <= 0) {
      return Optional.empty();
    }
    String runId = Long.toString(id.asLong());
    return JobIds.valid(runId) ? Optional.of(runId) : Optional.empty();
  }

  private static String dispatchPath(GitHubSettings settings) {
    return "/repos/"
        + settings.repository()
        + "/actions/workflows/"
        + settings.workflow()
        + "/dispatches";
  }

  private static String runPath(GitHubSettings settings, String runId) {
    return "/repos/" + settings.repository() + "/actions/runs/" + runId;
  }

  private static String dispatchWhat(GitHubSettings settings) {
    return "dispatch "
        + settings.workflow()
        + " in "
        + settings.repository()
        + " on "
        + settings.ref();
  }

  private static byte[] json(Map<String, Object> body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a dispatch", e);
    }
  }
}
