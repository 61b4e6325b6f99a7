package dev.gort.simulators.tuxsuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.simulators.runner.AttemptBehaviour;
import dev.gort.simulators.runner.RunnerConfig;
import dev.gort.simulators.runner.Scenario;
import dev.gort.simulators.runner.ScenarioBook;
import dev.gort.simulators.runner.SimulatedRunner;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The simulated TuxSuite (runner code {@code tuxsuite}): takes tests and builds as TuxSuite's API
 * does, lets each job's scenario decide how it ends, and calls back to the job's {@code callback}
 * with TuxSuite's signed payload and the job's {@code callback_headers}. The scenario is found by
 * the experiment and attempt Gort names in those headers ({@code X-Gort-Experiment}, {@code
 * X-Gort-Attempt}); a job without them is attempt 1 of experiment "".
 */
@Singleton
public class TuxSuiteSimulator implements SimulatedRunner {

  static final String CODE = "tuxsuite";
  static final String SIGNATURE_HEADER = "x-tux-payload-signature";
  static final byte[] UNPARSEABLE_RESULTS = "<<not json>>".getBytes();

  private static final Logger LOG = Logger.getLogger(TuxSuiteSimulator.class);
  private static final Pattern UID_CHARS = Pattern.compile("[0-9A-Za-z]+");
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final ScenarioBook scenarios;
  private final TuxSuiteCallbacks callbacks;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final String publicUrl;
  private final URI gateway;
  private final Optional<String> token;
  private final List<TuxJob> received = new ArrayList<>();
  private final Map<String, TuxJob> byUid = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile SigningKey key;

  @Inject
  public TuxSuiteSimulator(
      ScenarioBook scenarios,
      TuxSuiteCallbacks callbacks,
      ObjectMapper mapper,
      Clock clock,
      RunnerConfig runners,
      TuxSuiteSimConfig config) {
    this.scenarios = scenarios;
    this.callbacks = callbacks;
    this.mapper = mapper;
    this.clock = clock;
    this.publicUrl = runners.publicUrl().replaceAll("/+$", "");
    this.gateway = URI.create(runners.gatewayUrl());
    this.token = config.token().filter(t -> !t.isBlank());
    Optional<String> configured = config.privateKey().filter(k -> !k.isBlank());
    if (configured.isPresent()) {
      this.key = SigningKey.fromPkcs8(configured.get());
    } else {
      LOG.warn(
          "no gort.sim.tuxsuite.private-key (GORT_SIM_TUXSUITE_PRIVATE_KEY): callbacks are signed"
              + " with a key generated now, which a restart changes");
      this.key = SigningKey.generate();
    }
  }

  @Override
  public String code() {
    return CODE;
  }

  /** Whether {@code authorization} is the token, as TuxSuite takes it (no scheme). */
  boolean admits(String authorization) {
    return token.isPresent() && token.get().equals(authorization);
  }

  /** {@code GET …/keys}: {@code {"ssh": {"pub": "ecdsa-sha2-nistp256 …"}}}. */
  ObjectNode keys() {
    ObjectNode keys = mapper.createObjectNode();
    keys.putObject("ssh").put("pub", key.sshPub());
    return keys;
  }

  /** Test hook: a new signing key; {@code /keys} serves it and every later callback uses it. */
  ObjectNode rotateKeys() {
    key = SigningKey.generate();
    return keys();
  }

  /** {@code POST …/tests}: 201 with the test's status document. */
  ObjectNode submitTest(String group, String project, byte[] body) {
    ObjectNode request = object(body, "a test");
    requireText(request, "device");
    requireText(request, "kernel");
    JsonNode tests = request.get("tests");
    if (tests != null && !tests.isArray()) {
      throw tuxError(400, "tests must be a list");
    }
    if (tests == null) {
      request.putArray("tests").add("boot");
    }
    return status(accept(TuxJob.Kind.TEST, group, project, request));
  }

  /** {@code POST …/builds}: 201 with a list of each build's status document. */
  ArrayNode submitBuilds(String group, String project, byte[] body) {
    ObjectNode plan = object(body, "a build plan");
    JsonNode builds = plan.get("builds");
    if (builds == null || !builds.isArray() || builds.isEmpty()) {
      throw tuxError(400, "builds must list at least one build");
    }
    List<ObjectNode> checked = new ArrayList<>();
    for (JsonNode build : builds) {
      if (!build.isObject()) {
        throw tuxError(400, "each build must be an object");
      }
      ObjectNode b = (ObjectNode) build;
      requireText(b, "git_repo");
      requireText(b, "target_arch");
      requireText(b, "toolchain");
      checked.add(b);
    }
    ArrayNode answer = mapper.createArrayNode();
    for (ObjectNode build : checked) {
      answer.add(status(accept(TuxJob.Kind.BUILD, group, project, build)));
    }
    return answer;
  }

  /** {@code GET …/tests/{uid}} or {@code …/builds/{uid}}; 503 for an unresponsive job. */
  ObjectNode job(String group, String project, TuxJob.Kind kind, String uid) {
    return status(responsive(find(group, project, kind, uid)));
  }

  /**
   * {@code GET …/tests} or {@code …/builds}: newest first, {@code {"count", "next", "results"}}.
   */
  ObjectNode list(String group, String project, TuxJob.Kind kind, int limit) {
    List<TuxJob> snapshot;
    synchronized (received) {
      snapshot = new ArrayList<>(received);
    }
    ObjectNode page = mapper.createObjectNode();
    ArrayNode results = mapper.createArrayNode();
    String name = group + "/" + project;
    for (int i = snapshot.size() - 1; i >= 0 && results.size() < limit; i--) {
      TuxJob job = snapshot.get(i);
      if (job.kind() == kind && job.project().equals(name)) {
        results.add(status(job));
      }
    }
    page.put("count", results.size());
    page.putNull("next");
    page.set("results", results);
    return page;
  }

  /** {@code POST …/{uid}/cancel}: a job under way ends {@code canceled}; 400 once it finished. */
  ObjectNode cancel(String group, String project, TuxJob.Kind kind, String uid) {
    TuxJob job = responsive(find(group, project, kind, uid));
    job.cancelAsked();
    if (!job.finish("canceled", clock.instant())) {
      throw tuxError(400, "the " + kind.word + " has finished: it cannot be canceled");
    }
    send(job);
    return status(job);
  }

  /**
   * What serves at a job's {@code download_url}: for a test, its results as tuxrun writes them
   * ({@code results.json}: suites of tests, LAVA's boot as {@code lava/login-action}); for a build,
   * its status with TuxSuite's build fields ({@code build_status}, warning and error counts).
   */
  byte[] results(String uid) {
    TuxJob job = byUid.get(uid);
    if (job == null || !"finished".equals(job.state())) {
      throw ProblemException.notFound("no results of " + Untrusted.quote(uid));
    }
    if (job.behaviour() == AttemptBehaviour.BAD_RESULTS
        || !"pass".equals(job.result()) && !"fail".equals(job.result())) {
      return UNPARSEABLE_RESULTS;
    }
    boolean passed = job.behaviour() != AttemptBehaviour.FAIL;
    ObjectNode document =
        job.kind() == TuxJob.Kind.BUILD ? buildStatus(job, passed) : results(passed);
    try {
      return mapper.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode buildStatus(TuxJob job, boolean passed) {
    ObjectNode status = status(job);
    status.put("build_status", passed ? "pass" : "fail");
    status.put("warnings_count", passed ? 0 : 2);
    status.put("errors_count", passed ? 0 : 1);
    return status;
  }

  private ObjectNode results(boolean passed) {
    ObjectNode results = mapper.createObjectNode();
    ObjectNode lava = results.putObject("lava");
    lava.putObject("login-action").put("result", "pass");
    lava.putObject("job").put("result", "pass");
    ObjectNode smoke = results.putObject("0_smoke");
    smoke.putObject("smoke").put("result", "pass");
    ObjectNode enrollment = smoke.putObject("enrollment").put("result", passed ? "pass" : "fail");
    if (!passed) {
      enrollment.putArray("log_excerpt").add("expected 2 enrolled clients, found 0 (simulated)");
    }
    return results;
  }

  @Override
  public List<TuxJob.View> jobs(String experiment, String runId) {
    List<TuxJob> snapshot;
    synchronized (received) {
      snapshot = new ArrayList<>(received);
    }
    return snapshot.stream()
        .filter(job -> experiment == null || experiment.equals(job.experiment()))
        .filter(job -> runId == null || runId.equals(job.runId()))
        .map(TuxJob::view)
        .toList();
  }

  @Override
  public CompletableFuture<Integer> redeliver(String jobId) {
    TuxJob job = byUid.get(jobId);
    if (job == null) {
      throw ProblemException.notFound("runner 'tuxsuite' has no job " + jobId);
    }
    if (job.lastCallback() == null) {
      throw ProblemException.conflict(
          "job " + jobId + " has not sent a callback yet; nothing to redeliver",
          Map.of("jobId", jobId));
    }
    return callbacks.redeliver(job);
  }

  private TuxJob accept(TuxJob.Kind kind, String group, String project, ObjectNode request) {
    String callback = request.path("callback").asText(null);
    if (callback != null) {
      checkCallback(callback);
    }
    Map<String, String> headers = callbackHeaders(request.get("callback_headers"));
    String experiment = headers.getOrDefault("X-Gort-Experiment", "");
    int attempt = attemptOf(headers.get("X-Gort-Attempt"));
    Scenario scenario = scenarios.get(CODE, experiment);
    AttemptBehaviour behaviour = scenario.forAttempt(attempt);
    TuxJob job =
        new TuxJob(
            newUid(),
            kind,
            group + "/" + project,
            request.deepCopy(),
            callback,
            headers,
            experiment,
            headers.get("X-Gort-Run"),
            attempt,
            behaviour,
            clock.instant());
    synchronized (received) {
      received.add(job);
    }
    byUid.put(job.uid(), job);
    long delay = scenario.delayMs();
    callbacks.after(Math.min(delay / 2, 50), job::running);
    resultOf(behaviour)
        .ifPresent(result -> job.pending(callbacks.after(delay, () -> end(job, result))));
    return job;
  }

  /** How each scenario word ends a TuxSuite job, or empty when it never ends by itself. */
  static Optional<String> resultOf(AttemptBehaviour behaviour) {
    return switch (behaviour) {
      case PASS, BAD_RESULTS, LOST_WEBHOOK, RESULTS_LATE -> Optional.of("pass");
      case FAIL -> Optional.of("fail");
        // TuxSuite has no "timed out" result: a job that ran out of time ends in error, its
        // status_message saying so (which the gateway reads as a timeout)
      case REPORT_TIMEOUT, INFRA_FAILURE -> Optional.of("error");
      case CANCELLED -> Optional.of("canceled");
      case TIMEOUT, UNRESPONSIVE -> Optional.empty();
    };
  }

  private void end(TuxJob job, String result) {
    if (job.finish(result, clock.instant()) && job.behaviour() != AttemptBehaviour.LOST_WEBHOOK) {
      send(job);
    }
  }

  private void send(TuxJob job) {
    if (job.callbackUrl() == null) {
      return;
    }
    ObjectNode payload = mapper.createObjectNode();
    payload.put("kind", job.kind().word);
    payload.set("status", status(job));
    String document = payload.toString();
    try {
      callbacks.deliver(job, document, key.sign(document));
    } catch (RuntimeException e) {
      job.callbackStatus("failed: " + e.getMessage());
      LOG.errorf(e, "cannot send the callback of job %s", job.uid());
    }
  }

  /** A job as TuxSuite's API and callbacks show it. */
  ObjectNode status(TuxJob job) {
    ObjectNode status = job.submitted().deepCopy();
    status.remove("callback_headers");
    status.put("uid", job.uid());
    status.put("project", job.project());
    status.put("state", job.state());
    String result = job.result();
    if (result == null) {
      status.putNull("result");
    } else {
      status.put("result", result);
    }
    status.put("is_canceling", false);
    status.put("provisioning_time", job.created().toString());
    status.put("user", "gort-sim@example.org");
    status.put("user_agent", "gort-simulators");
    if ("finished".equals(job.state())) {
      status.put("finished_time", job.finishedAt().toString());
      status.put(
          "duration", Math.max(1, Duration.between(job.created(), job.finishedAt()).toSeconds()));
      status.put(
          "download_url",
          publicUrl
              + "/tuxsuite/storage/"
              + job.project()
              + "/"
              + job.kind().path
              + "/"
              + job.uid()
              + "/");
      if (job.kind() == TuxJob.Kind.TEST) {
        ObjectNode results = status.putObject("results");
        for (JsonNode test : status.withArray("tests")) {
          results.put(test.asText(), "pass".equals(result) ? "pass" : "fail");
        }
      }
      if (job.behaviour() == AttemptBehaviour.REPORT_TIMEOUT) {
        status.put("status_message", "the job exceeded its timeout (simulated)");
      }
    } else {
      status.putNull("download_url");
    }
    return status;
  }

  private TuxJob find(String group, String project, TuxJob.Kind kind, String uid) {
    TuxJob job = byUid.get(uid);
    if (job == null || job.kind() != kind || !job.project().equals(group + "/" + project)) {
      throw tuxError(404, kind.word + " " + Untrusted.quote(uid) + " not found");
    }
    return job;
  }

  private static TuxJob responsive(TuxJob job) {
    if (job.behaviour() == AttemptBehaviour.UNRESPONSIVE) {
      throw tuxError(503, "TuxSuite is not answering for " + job.uid() + " (simulated)");
    }
    return job;
  }

  private void checkCallback(String callback) {
    URI uri;
    try {
      uri = URI.create(callback);
    } catch (IllegalArgumentException e) {
      throw tuxError(400, "callback is not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw tuxError(400, "callback must be an absolute http(s) URL");
    }
    // the simulator signs callbacks: it sends them to Gort's gateway and nowhere else
    if (!gateway.getScheme().equalsIgnoreCase(uri.getScheme())
        || !gateway.getHost().equalsIgnoreCase(uri.getHost())
        || (gateway.getPort() >= 0 && gateway.getPort() != uri.getPort())) {
      throw tuxError(
          400, "callback is not on the configured gateway " + gateway + " (gort.sim.gateway-url)");
    }
  }

  private Map<String, String> callbackHeaders(JsonNode headers) {
    Map<String, String> map = new LinkedHashMap<>();
    if (headers == null || headers.isNull()) {
      return map;
    }
    if (!headers.isObject()) {
      throw tuxError(400, "callback_headers must be an object of header names to values");
    }
    headers
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().matches("[A-Za-z0-9-]{1,64}") || !e.getValue().isTextual()) {
                throw tuxError(400, "callback_headers: bad header " + Untrusted.quote(e.getKey()));
              }
              String value = e.getValue().asText();
              if (value.length() > 1000 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw tuxError(400, "callback_headers: bad value of " + e.getKey());
              }
              if (e.getKey().equalsIgnoreCase(SIGNATURE_HEADER)
                  || e.getKey().equalsIgnoreCase("Content-Type")
                  || e.getKey().equalsIgnoreCase("Content-Length")
                  || e.getKey().equalsIgnoreCase("Host")) {
                throw tuxError(400, "callback_headers may not set " + e.getKey());
              }
              map.put(e.getKey(), value);
            });
    return map;
  }

  private static int attemptOf(String header) {
    if (header != null && header.matches("[1-9][0-9]{0,5}")) {
      return Integer.parseInt(header);
    }
    return 1;
  }

  private ObjectNode object(byte[] body, String what) {
    JsonNode json;
    try {
      json = body == null || body.length == 0 ? null : mapper.readTree(body);
    } catch (java.io.IOException e) {
      throw tuxError(400, "the body is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw tuxError(400, "the body must be " + what + " as a JSON object");
    }
    return (ObjectNode) json;
  }

  private static void requireText(ObjectNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw tuxError(400, field + " is required");
    }
  }

  /** TuxSuite's error answers: {@code {"error": "…"}} with the status. */
  static TuxSuiteError tuxError(int status, String message) {
    return new TuxSuiteError(status, message);
  }

  /** A TuxSuite-shaped uid: 27 base62 characters, time-ordered like a KSUID. */
  private String newUid() {
    long n = clock.millis() * 1000 + (sequence.incrementAndGet() % 1000);
    StringBuilder uid = new StringBuilder();
    while (n > 0) {
      uid.insert(0, ALPHABET.charAt((int) (n % 62)));
      n /= 62;
    }
    String random = java.util.UUID.randomUUID().toString().replace("-", "");
    for (int i = 0; uid.length() < 27; i++) {
      uid.append(ALPHABET.charAt(Character.digit(random.charAt(i % random.length()), 16) * 3 % 62));
    }
    String value = uid.toString();
    assert UID_CHARS.matcher(value).matches();
    return value;
  }
}
