package dev.gort.gateway.runner.tuxsuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.CallbackRejectedException;
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

/**
 * Runner code {@code tuxsuite}: Linaro's TuxSuite, tests and boot tests on its devices ({@code POST
 * /v1/groups/{group}/projects/{project}/tests}) and kernel builds ({@code …/builds}); the TuxSuite
 * uid is the job id. Every job reports to its own callback URL ({@link CallbackStyle#PER_JOB}),
 * signed with the project's ECDSA key ({@code x-tux-payload-signature}); a job whose callback never
 * came is recovered by the status poll. docs/runners/tuxsuite.md describes settings, configuration
 * and the wire format.
 */
@ApplicationScoped
public class TuxSuiteRunner implements Runner {

  public static final String CODE = "tuxsuite";

  /** A 429 without {@code Retry-After} waits this long. */
  static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  private final TuxSuiteConfig config;
  private final Clock clock;
  private final RunnerApi api;
  private final JobLookup lookup;
  private final TuxSuiteCallback callback;

  @Inject
  public TuxSuiteRunner(TuxSuiteConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.api =
        TuxSuiteApi.client(
            config.apiUrl(),
            config.token().orElse(""),
            config.connectTimeout(),
            config.readTimeout());
    this.lookup = new JobLookup(api::get, answer -> failure(answer, "list the project's jobs"));
    TuxSuiteKeys keys =
        new TuxSuiteKeys(
            () -> api.get(projectPath() + "/keys"), clock, config.keyRefetchInterval());
    this.callback = new TuxSuiteCallback(keys, path -> api.url(projectPath() + "/" + path));
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<RunKind> kinds() {
    return EnumSet.allOf(RunKind.class);
  }

  @Override
  public Optional<String> unconfiguredReason() {
    List<String> missing = new ArrayList<>();
    if (config.token().filter(t -> !t.isBlank()).isEmpty()) {
      missing.add("no API token (gort.runner.tuxsuite.token, GORT_TUXSUITE_TOKEN)");
    }
    if (config.group().filter(g -> NAME.matcher(g).matches()).isEmpty()) {
      missing.add("no group (gort.runner.tuxsuite.group, GORT_TUXSUITE_GROUP)");
    }
    if (config.project().filter(p -> NAME.matcher(p).matches()).isEmpty()) {
      missing.add("no project (gort.runner.tuxsuite.project, GORT_TUXSUITE_PROJECT)");
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
  }

  @Override
  public CallbackStyle callbackStyle() {
    return CallbackStyle.PER_JOB;
  }

  @Override
  public Map<String, Object> checkSettings(RunKind kind, Map<String, Object> requested) {
    return TuxSuiteSettings.check(kind, requested, config);
  }

  @Override
  @Timeout(value = 30, unit = ChronoUnit.SECONDS)
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
    if (request.callbackUrl() == null) {
      throw new JobRejectedException("a tuxsuite job needs its callback URL", null);
    }
    Map<String, Object> settings;
    try {
      settings = TuxSuiteSettings.check(request.kind(), request.settings(), config);
    } catch (InvalidSettingsException e) {
      throw new JobRejectedException("invalid tuxsuite settings: " + e.getMessage(), e);
    }
    String list = projectPath() + (request.kind() == RunKind.BUILD ? "/builds" : "/tests");
    if (request.handedOverBefore()) {
      // no idempotency key at TuxSuite: find the job an earlier try started by its callback URL
      Optional<String> earlier = lookup.find(list, request.attemptId());
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    String what =
        "submit a "
            + request.kind()
            + " to "
            + config.group().orElse("")
            + "/"
            + config.project().orElse("");
    RunnerApi.Answer answer = api.post(list, json(body(request, settings)));
    if (!answer.ok()) {
      throw dispatchFailure(answer, what);
    }
    JsonNode json = answer.json();
    JsonNode job =
        request.kind() == RunKind.BUILD && json != null && json.isArray() ? json.get(0) : json;
    String uid = job == null ? null : job.path("uid").asText(null);
    if (!JobIds.valid(uid)) {
      // it may have started: the next try looks for it before submitting again
      throw new RunnerUnavailableException(
          "TuxSuite answered " + answer.status() + " to " + what + " without a uid", null);
    }
    return uid;
  }

  /** TuxSuite's request body: a test's (or boot test's) fields, or a build plan of one build. */
  static Map<String, Object> body(DispatchRequest request, Map<String, Object> settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (request.kind() == RunKind.BUILD) {
      Map<String, Object> build = new LinkedHashMap<>(settings);
      build.put("callback", request.callbackUrl());
      build.put("callback_headers", gortHeaders(request));
      body.put("builds", List.of(build));
      body.put("patches", Map.of());
      return body;
    }
    body.putAll(settings);
    if (request.kind() == RunKind.BOOT) {
      body.put(TuxSuiteSettings.TESTS, List.of("boot"));
    }
    body.put("callback", request.callbackUrl());
    body.put("callback_headers", gortHeaders(request));
    return body;
  }

  /**
   * Headers TuxSuite adds to the job's callback: Gort's run, attempt and experiment, for the record
   * and for the simulator's scenarios (the callback URL alone names the attempt Gort checks).
   */
  private static Map<String, String> gortHeaders(DispatchRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Gort-Run", request.runId());
    headers.put("X-Gort-Attempt", Integer.toString(request.attempt()));
    headers.put("X-Gort-Experiment", request.experiment());
    return headers;
  }

  // no circuit breaker: one job whose halt fails must not hold back the halts of every other job
  // (the halt queue backs off and gives up per job), as for status polls
  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  public String cancel(RunnerJob job) {
    requireConfigured();
    if (!JobIds.valid(job.jobId()) || !NAME.matcher(job.jobId()).matches()) {
      return "job id " + Untrusted.quote(job.jobId()) + " is no TuxSuite uid: nothing to halt";
    }
    String path = jobPath(job);
    RunnerApi.Answer answer = api.post(path + "/cancel");
    if (answer.ok()) {
      return "cancel requested (" + answer.status() + ")";
    }
    if (answer.is(404)) {
      return "TuxSuite knows no job " + job.jobId() + " (404): nothing to halt";
    }
    if (answer.status() >= 400
        && answer.status() < 500
        && !answer.is(429)
        && !answer.is(401)
        && !answer.is(403)) {
      // TuxSuite refuses to cancel a job that has ended: that one is halted already
      RunnerApi.Answer status = api.get(path);
      JsonNode json = status.is(200) ? status.json() : null;
      String state = json == null ? null : TuxSuiteCallback.text(json, "state");
      if ("finished".equals(state)) {
        return "the job had finished already ("
            + Untrusted.escape(TuxSuiteCallback.text(json, "result"), 40)
            + "): nothing left to halt";
      }
    }
    throw failure(answer, "cancel job " + job.jobId());
  }

  // no circuit breaker: one job's silence must not read as every job's; polls are few (overdue
  // jobs only) and backed off per job
  @Override
  @Timeout(value = 15, unit = ChronoUnit.SECONDS)
  public RunnerJobStatus status(RunnerJob job) {
    requireConfigured();
    if (!JobIds.valid(job.jobId()) || !NAME.matcher(job.jobId()).matches()) {
      return RunnerJobStatus.running("job id is no TuxSuite uid");
    }
    String path = jobPath(job);
    RunnerApi.Answer answer = api.get(path);
    if (answer.is(404)) {
      return RunnerJobStatus.running("unknown to TuxSuite (404)");
    }
    if (!answer.is(200)) {
      throw failure(answer, "read job " + job.jobId());
    }
    JsonNode json = answer.json();
    String state = json == null || !json.isObject() ? null : TuxSuiteCallback.text(json, "state");
    if (state == null) {
      throw new RunnerUnavailableException(
          "TuxSuite answered the status poll without a state", null);
    }
    if (!"finished".equals(state)) {
      // provisioning, waiting, running, …
      return RunnerJobStatus.running(Untrusted.escape(state, 40));
    }
    String result = TuxSuiteCallback.text(json, "result");
    if (result == null) {
      return RunnerJobStatus.finished("finished, without a result yet");
    }
    return RunnerJobStatus.recovered(
        "finished: " + Untrusted.escape(result, 40),
        TuxSuiteOutcomes.report(
            job.jobId(),
            job.kind() == RunKind.BUILD ? RunKind.BUILD : null,
            json,
            api.url(path),
            " (status poll)"));
  }

  @Override
  public RunnerReport verify(CallbackRequest request) {
    Optional<String> why = unconfiguredReason();
    if (why.isPresent()) {
      throw CallbackRejectedException.badSignature(
          "runner tuxsuite is not configured: " + why.get());
    }
    return callback.verify(request);
  }

  /**
   * What an answer other than the expected ones throws: 429 waits (not counted); 401, 403 and 5xx
   * are TuxSuite being unusable now; any other 4xx is refused.
   */
  private RuntimeException failure(RunnerApi.Answer answer, String what) {
    int status = answer.status();
    if (status == 429) {
      Instant retryAt = clock.instant().plus(retryAfter(answer.header("Retry-After")));
      return new RunnerRateLimitedException(
          "TuxSuite's rate limit (429) stops us to " + what + " until " + retryAt, retryAt);
    }
    if (status == 401 || status == 403) {
      return new RunnerUnavailableException(
          "TuxSuite refused the token ("
              + status
              + " "
              + answer.message()
              + "): check gort.runner.tuxsuite.token (GORT_TUXSUITE_TOKEN)",
          null);
    }
    if (status >= 500 || status < 400) {
      return new RunnerUnavailableException("TuxSuite answered " + status + " to " + what, null);
    }
    return new RunnerRefusedException(
        "TuxSuite refused to " + what + " (" + status + "): " + answer.message(), null);
  }

  /** A submission TuxSuite refuses as invalid (400, 404, 422) ends the attempt. */
  private RuntimeException dispatchFailure(RunnerApi.Answer answer, String what) {
    RuntimeException failure = failure(answer, what);
    if (failure instanceof RunnerRefusedException
        && (answer.is(400) || answer.is(404) || answer.is(422))) {
      return new JobRejectedException(
          "TuxSuite refused to " + what + " (" + answer.status() + "): " + answer.message(),
          failure);
    }
    return failure;
  }

  static Duration retryAfter(String header) {
    if (header != null && header.trim().matches("[0-9]{1,6}")) {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    }
    return RATE_LIMIT_WAIT;
  }

  private void requireConfigured() {
    unconfiguredReason()
        .ifPresent(
            why -> {
              throw new RunnerUnavailableException(
                  "runner tuxsuite is not configured: " + why, null);
            });
  }

  private String projectPath() {
    return "/v1/groups/" + config.group().orElse("") + "/projects/" + config.project().orElse("");
  }

  private String jobPath(RunnerJob job) {
    return projectPath() + (job.kind() == RunKind.BUILD ? "/builds/" : "/tests/") + job.jobId();
  }

  private static byte[] json(Map<String, Object> body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a submission", e);
    }
  }
}
