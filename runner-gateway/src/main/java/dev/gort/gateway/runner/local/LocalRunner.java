package dev.gort.gateway.runner.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gort.common.event.RunnerStatus;
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
import dev.gort.gateway.runner.SignedJobCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Runner code {@code local}: Gort's own agent ({@code local-runner}, docs/runners/local.md), which
 * runs a job's shell commands in a fresh working directory on its machine. The gateway hands it
 * jobs over HTTP with a bearer token and never runs a command itself; the agent reports per job,
 * signed like the {@code sim} runner ({@link SignedJobCallback}). The attempt id is the agent's
 * idempotency key, so a hand-over tried again finds the job it already started.
 */
@ApplicationScoped
public class LocalRunner implements Runner {

  public static final String CODE = "local";

  private final LocalRunnerConfig config;
  private final Clock clock;
  private final RunnerApi api;

  @Inject
  public LocalRunner(LocalRunnerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.api =
        new RunnerApi(
            "local runner",
            config.url(),
            Map.of(
                "Authorization",
                "Bearer " + config.token().orElse(""),
                "Accept",
                "application/json"),
            config.connectTimeout(),
            config.readTimeout(),
            List.of("detail"));
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
      missing.add("no agent token (gort.runner.local.token, GORT_LOCAL_RUNNER_TOKEN)");
    }
    if (config.secret().filter(s -> !s.isBlank()).isEmpty()) {
      missing.add("no callback secret (gort.runner.local.secret, GORT_LOCAL_RUNNER_SECRET)");
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
  }

  @Override
  public CallbackStyle callbackStyle() {
    return CallbackStyle.PER_JOB;
  }

  @Override
  public Map<String, Object> checkSettings(RunKind kind, Map<String, Object> requested) {
    if (!kinds().contains(kind)) {
      throw new InvalidSettingsException("runner local runs test and build jobs, not " + kind);
    }
    return LocalSettings.check(requested, config).toMap();
  }

  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = {JobRejectedException.class, RunnerRateLimitedException.class})
  public String dispatch(DispatchRequest r) {
    LocalSettings settings;
    try {
      settings = LocalSettings.check(r.settings(), config);
    } catch (InvalidSettingsException e) {
      throw new JobRejectedException("invalid local runner settings: " + e.getMessage(), e);
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("attemptId", r.attemptId());
    job.put("runId", r.runId());
    job.put("attempt", r.attempt());
    job.put("experiment", r.experiment());
    job.put("revision", r.revision());
    job.put("kind", r.kind().word());
    job.put("callbackUrl", r.callbackUrl());
    job.put("commands", settings.commands());
    job.put("env", settings.env());
    job.put("timeout", settings.timeout().toString());
    if (settings.image() != null) {
      job.put("image", settings.image());
    }
    if (!settings.workdir().isEmpty()) {
      job.put("workdir", settings.workdir());
    }
    RunnerApi.Answer answer = api.post("/api/v1/jobs", json(job));
    int status = answer.status();
    if (status == 200 || status == 201) {
      String jobId = body(answer).path("jobId").asText(null);
      if (!JobIds.valid(jobId)) {
        throw new RunnerUnavailableException("local runner answered without a usable job id", null);
      }
      return jobId;
    }
    if (status == 429) {
      throw new RunnerRateLimitedException(
          "local runner is running as many jobs as it takes",
          retryAt(answer.header("Retry-After")));
    }
    if (status == 400 || status == 404 || status == 409 || status == 422) {
      throw new JobRejectedException(
          "local runner refused the job as invalid (" + status + "): " + detail(answer), null);
    }
    throw new RunnerUnavailableException(
        "local runner refused the job: " + status + " " + detail(answer), null);
  }

  // no circuit breaker: one job whose halt fails must not hold back the halts of every other job
  // (the halt queue backs off and gives up per job), as for status polls
  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  public String cancel(RunnerJob job) {
    RunnerApi.Answer answer = api.post("/api/v1/jobs/" + encode(job.jobId()) + "/cancel");
    return switch (answer.status()) {
      case 202 -> "cancelled at the runner: its processes are being ended";
      case 200 ->
          "the job had already ended ("
              + Untrusted.escape(body(answer).path("outcome").asText("?"), 40)
              + "): nothing left to halt";
      case 404 -> "the runner answered 404: nothing left to halt";
      default ->
          throw new RunnerRefusedException(
              "local runner refused the cancel: " + answer.status() + " " + detail(answer), null);
    };
  }

  // no circuit breaker: one job's silence must not read as every job's (as for sim)
  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  public RunnerJobStatus status(RunnerJob job) {
    RunnerApi.Answer answer = api.get("/api/v1/jobs/" + encode(job.jobId()));
    if (answer.status() == 404) {
      return RunnerJobStatus.running("unknown to the runner (404)");
    }
    if (answer.status() != 200) {
      throw new RunnerUnavailableException(
          "local runner answered the status poll with " + answer.status(), null);
    }
    JsonNode body = body(answer);
    String state = body.path("status").asText("");
    if ("running".equals(state)) {
      return RunnerJobStatus.running("running");
    }
    if (!"finished".equals(state)) {
      throw new RunnerUnavailableException(
          "local runner answered the status poll without a status", null);
    }
    String word = body.path("outcome").asText(null);
    Optional<RunnerStatus> outcome = SignedJobCallback.status(word);
    if (outcome.isEmpty()) {
      return RunnerJobStatus.finished("finished");
    }
    String detail = body.path("detail").asText(null);
    return RunnerJobStatus.recovered(
        "finished: " + word,
        RunnerReport.finished(
                job.jobId(),
                job.kind(),
                outcome.get(),
                body.path("resultsUrl").asText(null),
                detail == null ? null : Untrusted.escape(detail, 500))
            .withExitCode(exitCode(body.path("exitCode"))));
  }

  @Override
  public RunnerReport verify(CallbackRequest request) {
    return SignedJobCallback.verify(config.secret(), request);
  }

  /** The exit code a status poll's answer says, when it is a whole number; else none. */
  private static Integer exitCode(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
  }

  private Instant retryAt(String retryAfter) {
    long seconds = 5;
    if (retryAfter != null) {
      try {
        seconds = Math.max(1, Math.min(300, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException e) {
        seconds = 5;
      }
    }
    return clock.instant().plus(Duration.ofSeconds(seconds));
  }

  private static String encode(String jobId) {
    return URLEncoder.encode(jobId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job that cannot be written as JSON", e);
    }
  }

  /** The answer's JSON body, or a missing node when it has none. */
  private static JsonNode body(RunnerApi.Answer answer) {
    JsonNode json = answer.json();
    return json == null ? MissingNode.getInstance() : json;
  }

  /** The agent's problem detail, or the status when it gave none. */
  private static String detail(RunnerApi.Answer answer) {
    String message = answer.message();
    return "(no message)".equals(message) ? "status " + answer.status() : message;
  }
}
