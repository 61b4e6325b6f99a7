package dev.gort.simulators.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.simulators.web.Rfc3339;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The generic simulated runner: takes jobs, lets each job's scenario decide how it ends, and calls
 * Gort back the way an asynchronous runner does. The runner code stays a parameter throughout so
 * further simulated runners fit in beside {@code sim}.
 */
@Singleton
public class SimRunner implements SimulatedRunner {

  static final String CODE = "sim";

  static final Set<String> RUNNERS = Set.of(CODE);
  static final Set<String> KINDS = Set.of("test", "build", "boot");
  static final byte[] UNPARSEABLE_RESULTS = "<<not json>>".getBytes(StandardCharsets.UTF_8);

  /** How long a {@code results-late} job's first results fetch is told to wait. */
  static final int RETRY_AFTER_SECONDS = 1;

  private static final Logger LOG = Logger.getLogger(SimRunner.class);

  private final ScenarioBook scenarios;
  private final CallbackSender sender;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final String publicUrl;
  private final URI gateway;
  private final List<Job> received = new ArrayList<>();
  private final Map<String, Job> byId = new ConcurrentHashMap<>();

  @Inject
  public SimRunner(
      ScenarioBook scenarios,
      CallbackSender sender,
      ObjectMapper mapper,
      Clock clock,
      RunnerConfig config) {
    this.scenarios = scenarios;
    this.sender = sender;
    this.mapper = mapper;
    this.clock = clock;
    this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    this.gateway = URI.create(config.gatewayUrl());
  }

  public static void requireKnown(String runner) {
    if (!RUNNERS.contains(runner)) {
      throw ProblemException.notFound(
          "unknown runner '" + runner + "'; simulated runners: " + String.join(", ", RUNNERS));
    }
  }

  public Job dispatch(String runner, DispatchRequest request) {
    requireKnown(runner);
    Checked checked = validate(request);
    Scenario scenario = scenarios.get(runner, request.experiment());
    AttemptBehaviour behaviour = scenario.forAttempt(request.attempt());
    Job job =
        new Job(
            UUID.randomUUID().toString(),
            runner,
            request,
            checked.kind(),
            checked.token(),
            behaviour,
            scenario.results(),
            clock.instant());
    synchronized (received) {
      received.add(job);
    }
    byId.put(job.jobId(), job);
    if (behaviour.reportedStatus().isPresent()) {
      job.pendingCallback(sender.after(scenario.delayMs(), () -> finish(job)));
    }
    return job;
  }

  /** A cancel always ends a job {@code cancelled} if its callback has not gone out yet. */
  public void cancel(String runner, String jobId) {
    Job job = responsive(find(runner, jobId));
    if (job.cancel()) {
      send(job, AttemptBehaviour.CANCELLED);
    }
  }

  /** The job's status, as the runner answers a status poll. */
  public JobStatus status(String runner, String jobId) {
    Job job = find(runner, jobId);
    String status = job.polled();
    responsive(job);
    return new JobStatus(jobId, status);
  }

  /** {@code {"jobId": ..., "status": "running" | a callback status}}. */
  public record JobStatus(String jobId, String status) {}

  /** The job, if its runner still answers for it; 503 for an {@code unresponsive} one. */
  private static Job responsive(Job job) {
    if (!job.responsive()) {
      throw new ProblemException(
          503,
          "Service Unavailable",
          "runner '" + job.runner() + "' is not answering for job " + job.jobId());
    }
    return job;
  }

  /**
   * What the job's {@code resultsUrl} answers: the scenario's results document (in the content type
   * of its format) for a job that ended with results, else the built-in Gort JSON; for a {@code
   * results-late} job, 503 to the first fetch.
   */
  public ServedResults results(String runner, String jobId) {
    Job job = find(runner, jobId);
    int fetch = job.resultsFetched();
    AttemptBehaviour outcome = job.outcome();
    if (outcome == AttemptBehaviour.RESULTS_LATE && fetch == 1) {
      return new ServedResults.Unavailable(
          "the results of job " + jobId + " are not ready yet; try again", RETRY_AFTER_SECONDS);
    }
    String experiment = job.request().experiment();
    return switch (outcome) {
      case PASS, RESULTS_LATE -> document(job, TestResults.passed(jobId, experiment));
      case FAIL -> document(job, TestResults.failed(jobId, experiment));
      case BAD_RESULTS ->
          new ServedResults.Document(UNPARSEABLE_RESULTS, ResultsFormat.GORT.mediaType());
      default ->
          throw ProblemException.notFound(
              "job " + jobId + " has no test results: it ended " + outcome.word());
    };
  }

  /** The scenario's own document when it carried one, else {@code builtIn} as Gort JSON. */
  private ServedResults document(Job job, TestResults builtIn) {
    Scenario.Results carried = job.results();
    if (carried != null) {
      return new ServedResults.Document(carried.body(), carried.format().mediaType());
    }
    try {
      return new ServedResults.Document(
          mapper.writeValueAsBytes(builtIn), ResultsFormat.GORT.mediaType());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize results", e);
    }
  }

  /** What a job's results URL answers. */
  public sealed interface ServedResults {

    /** 200 with {@code body} as {@code mediaType}. */
    record Document(byte[] body, String mediaType) implements ServedResults {}

    /** 503 with {@code Retry-After}: the runner has the results, but not yet for serving. */
    record Unavailable(String detail, int retryAfterSeconds) implements ServedResults {}
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Job.View> jobs(String experiment, String runId) {
    return jobs(CODE, experiment, runId);
  }

  @Override
  public CompletableFuture<Integer> redeliver(String jobId) {
    return redeliver(CODE, jobId);
  }

  public List<Job.View> jobs(String runner, String experiment, String runId) {
    requireKnown(runner);
    List<Job> snapshot;
    synchronized (received) {
      snapshot = new ArrayList<>(received);
    }
    return snapshot.stream()
        .filter(job -> job.runner().equals(runner))
        .filter(job -> experiment == null || experiment.equals(job.request().experiment()))
        .filter(job -> runId == null || runId.equals(job.request().runId()))
        .map(Job::view)
        .toList();
  }

  /** Test hook for duplicate deliveries: completes with the status the receiver answered. */
  public CompletableFuture<Integer> redeliver(String runner, String jobId) {
    Job job = find(runner, jobId);
    SentCallback last = job.lastCallback();
    if (last == null) {
      throw ProblemException.conflict(
          "job " + jobId + " has not sent a callback yet; nothing to redeliver",
          Map.of("jobId", jobId));
    }
    return sender.redeliver(job, last);
  }

  public String resultsUrl(String runner, String jobId) {
    return publicUrl + "/runners/" + runner + "/jobs/" + jobId + "/results";
  }

  private void finish(Job job) {
    // a lost-webhook job ends (its status poll says so) without its callback ever going out
    if (job.claimCallback() && job.outcome().sendsReport()) {
      send(job, job.outcome());
    }
  }

  private void send(Job job, AttemptBehaviour outcome) {
    try {
      DispatchRequest request = job.request();
      sender.deliver(
          job,
          new Callback(
              job.jobId(),
              request.runId(),
              request.attempt(),
              request.experiment(),
              outcome.reportedStatus().orElseThrow(),
              resultsUrl(job.runner(), job.jobId()),
              Rfc3339.format(clock.instant())));
    } catch (RuntimeException e) {
      job.callbackStatus("failed: " + CallbackSender.describe(e));
      LOG.errorf(e, "cannot send the callback of job %s", job.jobId());
    }
  }

  private Job find(String runner, String jobId) {
    requireKnown(runner);
    Job job = byId.get(jobId);
    if (job == null || !job.runner().equals(runner)) {
      throw ProblemException.notFound("runner '" + runner + "' has no job " + jobId);
    }
    return job;
  }

  /** A dispatch's kind, and the token its callback URL carries. */
  private record Checked(String kind, String token) {}

  private Checked validate(DispatchRequest request) {
    requireText("runId", request.runId());
    requireText("experiment", request.experiment());
    requireText("callbackUrl", request.callbackUrl());
    if (request.attempt() == null || request.attempt() < 1) {
      throw ProblemException.badRequest(
          "attempt must be an integer >= 1, was " + request.attempt());
    }
    String kind = request.kind() == null ? "test" : request.kind();
    if (!KINDS.contains(kind)) {
      throw ProblemException.badRequest(
          "unknown kind " + Untrusted.quote(kind) + "; expected one of: test, build, boot");
    }
    URI callback;
    try {
      callback = URI.create(request.callbackUrl());
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("callbackUrl is not a URI");
    }
    if (!("http".equals(callback.getScheme()) || "https".equals(callback.getScheme()))
        || callback.getHost() == null) {
      throw ProblemException.badRequest("callbackUrl must be an absolute http(s) URL");
    }
    // the simulated runner signs callbacks: it sends them to Gort's gateway and nowhere else
    if (!onGateway(callback)) {
      throw ProblemException.badRequest(
          "callbackUrl is not on the configured gateway " + gateway + " (gort.sim.gateway-url)");
    }
    String token = queryParameter(callback, "token");
    if (token == null || token.isBlank()) {
      throw ProblemException.badRequest("callbackUrl carries no token parameter");
    }
    return new Checked(kind, token);
  }

  private boolean onGateway(URI callback) {
    return gateway.getScheme().equalsIgnoreCase(callback.getScheme())
        && gateway.getHost().equalsIgnoreCase(callback.getHost())
        && (gateway.getPort() < 0 || gateway.getPort() == callback.getPort());
  }

  private static String queryParameter(URI uri, String name) {
    if (uri.getRawQuery() == null) {
      return null;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(field + " is required");
    }
  }
}
