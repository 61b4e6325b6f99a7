package dev.gort.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.RunnerStatus;
import dev.gort.gateway.runner.CallbackRejectedException;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A runner the tests script, to exercise the gateway core against the runner contract without any
 * real runner's wire format: code {@code scripted}, tests and builds, one callback URL for the
 * runner (like GitHub's webhooks). Each dispatch of an experiment takes the next scripted answer (a
 * job id, or an exception to throw); a report is {@code {"jobId", "outcome", "deliveryId"}} signed
 * by the header {@code X-Scripted-Signature: good}; {@code {"event": "ping"}} is none of Gort's
 * business.
 */
@ApplicationScoped
public class ScriptedRunner implements Runner {

  public static final String CODE = "scripted";
  public static final String SIGNATURE = "X-Scripted-Signature";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Deque<Supplier<String>>> ANSWERS = new ConcurrentHashMap<>();
  private static final List<DispatchRequest> DISPATCHED = new CopyOnWriteArrayList<>();
  private static final List<String> CANCELLED = new CopyOnWriteArrayList<>();

  /** The next dispatches of {@code experiment} answer these, in order; the last one repeats. */
  @SafeVarargs
  public static void script(String experiment, Supplier<String>... answers) {
    ANSWERS.put(experiment, new ArrayDeque<>(List.of(answers)));
  }

  public static List<DispatchRequest> dispatched(String experiment) {
    return DISPATCHED.stream().filter(r -> r.experiment().equals(experiment)).toList();
  }

  public static List<String> cancelled() {
    return List.copyOf(CANCELLED);
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
    return Optional.empty();
  }

  @Override
  public CallbackStyle callbackStyle() {
    return CallbackStyle.PER_RUNNER;
  }

  @Override
  public Map<String, Object> checkSettings(RunKind kind, Map<String, Object> requested) {
    if (requested.containsKey("bad")) {
      throw new InvalidSettingsException("setting 'bad' is refused");
    }
    return requested;
  }

  @Override
  public String dispatch(DispatchRequest request) {
    DISPATCHED.add(request);
    Deque<Supplier<String>> answers = ANSWERS.get(request.experiment());
    if (answers == null || answers.isEmpty()) {
      throw new IllegalStateException("nothing scripted for " + request.experiment());
    }
    Supplier<String> next = answers.size() > 1 ? answers.poll() : answers.peek();
    return next.get();
  }

  @Override
  public String cancel(RunnerJob job) {
    CANCELLED.add(job.jobId());
    return "cancelled " + job.jobId();
  }

  @Override
  public RunnerJobStatus status(RunnerJob job) {
    return RunnerJobStatus.running("running");
  }

  @Override
  public RunnerReport verify(CallbackRequest request) {
    if (!"good".equals(request.header(SIGNATURE))) {
      throw CallbackRejectedException.badSignature("bad scripted signature");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (IOException e) {
      throw CallbackRejectedException.malformed("not JSON");
    }
    if ("ping".equals(body.path("event").asText())) {
      return RunnerReport.ignored("ping");
    }
    if (!body.hasNonNull("jobId")) {
      throw CallbackRejectedException.malformed("no jobId");
    }
    RunnerStatus outcome =
        body.hasNonNull("outcome") ? RunnerStatus.valueOf(body.get("outcome").asText()) : null;
    RunnerReport report =
        outcome == null
            ? RunnerReport.progress(body.get("jobId").asText(), null, "in progress")
            : RunnerReport.finished(
                body.get("jobId").asText(), null, outcome, "http://results.test/x", "scripted");
    return body.hasNonNull("deliveryId")
        ? report.withDelivery(body.get("deliveryId").asText())
        : report;
  }
}
