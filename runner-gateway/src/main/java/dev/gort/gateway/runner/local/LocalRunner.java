package dev.gort.gateway.runner.local;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerRateLimitedException;
import dev.gort.gateway.runner.RunnerRefusedException;
import dev.gort.gateway.runner.RunnerReport;
import dev.gort.gateway.runner.RunnerUnavailableException;
import dev.gort.gateway.runner.SignedJobCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
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
  private final LocalAgentApi api;

  @Inject
  public LocalRunner(LocalRunnerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.api =
        new LocalAgentApi(
            config.url(), config.token().orElse(""), config.connectTimeout(), config.readTimeout());
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
    LocalAgentApi.Answer answer;
    try {
      answer = api.post("/api/v1/jobs", job);
    } catch (IOException e) {
      throw new RunnerUnavailableException("local runner cannot be reached: " + e.getMessage(), e);
    }
    int status = answer.status();
    if (status == 200 || status == 201) {
      String jobId = answer.json().path("jobId").asText(null);
      if (!JobIds.valid(jobId)) {
        throw new RunnerUnavailableException("local runner answered without a usable job id", null);
      }
      return jobId;
    }
    if (status == 429) {
      throw new RunnerRateLimitedException(
          "local runner is running as many jobs as it takes", retryAt(answer.retryAfter()));
    }
    if (status == 400 || status == 404 || status == 409 || status == 422) {
      throw new JobRejectedException(
          "local runner refused the job as invalid (" + status + "): " + answer.detail(), null);
    }
    throw new RunnerUnavailableException(
        "local runner refused the job: " + status + " " + answer.detail(), null);
  }

  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = RunnerRefusedException.class)
  public String cancel(RunnerJob job) {
    LocalAgentApi.Answer answer;
    try {
      answer = api.post("/api/v1/jobs/" + encode(job.jobId()) + "/cancel", null);
    } catch (IOException e) {
      throw new RunnerUnavailableException("local runner cannot be reached: " + e.getMessage(), e);
    }
    return switch (answer.status()) {
      case 202 -> "cancelled at the runner: its processes are being ended";
      case 200 ->
          "the job had already ended ("
              + Untrusted.escape(answer.json().path("outcome").asText("?"), 40)
              + "): nothing left to halt";
      case 404 -> "the runner answered 404: nothing left to halt";
      default ->
          throw new RunnerRefusedException(
              "local runner refused the cancel: " + answer.status() + " " + answer.detail(), null);
    };
  }

  // no circuit breaker: one job's silence must not read as every job's (as for sim)
  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  public RunnerJobStatus status(RunnerJob job) {
    LocalAgentApi.Answer answer;
    try {
      answer = api.get("/api/v1/jobs/" + encode(job.jobId()));
    } catch (IOException e) {
      throw new RunnerUnavailableException("local runner cannot be reached: " + e.getMessage(), e);
    }
    if (answer.status() == 404) {
      return RunnerJobStatus.running("unknown to the runner (404)");
    }
    if (answer.status() != 200) {
      throw new RunnerUnavailableException(
          "local runner answered the status poll with " + answer.status(), null);
    }
    JsonNode body = answer.json();
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
            detail == null ? null : Untrusted.escape(detail, 500)));
  }

  @Override
  public RunnerReport verify(CallbackRequest request) {
    return SignedJobCallback.verify(config.secret(), request);
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
}
