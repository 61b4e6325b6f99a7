package dev.gort.simulators.runner;

import dev.gort.simulators.web.Rfc3339;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * One job a simulated runner received. The scenario fixed at dispatch decides its end, unless a
 * cancel arrives before its callback went out; then it ends {@code cancelled}, as real runners do.
 */
public final class Job {

  private final String jobId;
  private final String runner;
  private final DispatchRequest request;
  private final String kind;
  private final String callbackToken;
  private final AttemptBehaviour scenario;
  private final Scenario.Results results;
  private final Instant receivedAt;

  private AttemptBehaviour outcome;
  private boolean cancelled;
  private boolean callbackClaimed;
  private Future<?> pendingCallback;
  private SentCallback lastCallback;
  private String callbackStatus;
  private int callbacksSent;
  private int statusPolls;
  private int resultsFetches;

  Job(
      String jobId,
      String runner,
      DispatchRequest request,
      String kind,
      String callbackToken,
      AttemptBehaviour scenario,
      Scenario.Results results,
      Instant receivedAt) {
    this.jobId = jobId;
    this.runner = runner;
    this.request = request;
    this.kind = kind;
    this.callbackToken = callbackToken;
    this.scenario = scenario;
    this.results = results;
    this.outcome = scenario;
    this.receivedAt = receivedAt;
    this.callbackStatus = scenario.sendsReport() ? "pending" : "none";
  }

  String jobId() {
    return jobId;
  }

  String runner() {
    return runner;
  }

  DispatchRequest request() {
    return request;
  }

  /** The per-attempt token of the job's callback URL, which its callbacks are signed over. */
  String callbackToken() {
    return callbackToken;
  }

  /** The results document its scenario carried at dispatch, or null for the built-in one. */
  Scenario.Results results() {
    return results;
  }

  /** Counts a fetch of the job's results; the count including this one. */
  synchronized int resultsFetched() {
    return ++resultsFetches;
  }

  /** How the job ends: its scenario, or {@code cancelled} if a cancel overtook the callback. */
  synchronized AttemptBehaviour outcome() {
    return outcome;
  }

  synchronized void pendingCallback(Future<?> future) {
    this.pendingCallback = future;
  }

  /** True once, for whoever sends the job's (only) natural callback first. */
  synchronized boolean claimCallback() {
    if (callbackClaimed) {
      return false;
    }
    callbackClaimed = true;
    return true;
  }

  /**
   * Marks the job cancelled. True when its callback had not gone out yet: the caller then owes a
   * {@code cancelled} callback in its place.
   */
  synchronized boolean cancel() {
    cancelled = true;
    if (callbackClaimed) {
      return false;
    }
    callbackClaimed = true;
    outcome = AttemptBehaviour.CANCELLED;
    callbackStatus = "pending";
    if (pendingCallback != null) {
      pendingCallback.cancel(false);
    }
    return true;
  }

  /** Whether the runner answers for this job at all (status polls, cancels). */
  boolean responsive() {
    return scenario != AttemptBehaviour.UNRESPONSIVE;
  }

  /**
   * Counts a status poll and answers it: {@code running} until the job's callback goes out, then
   * the status it reported.
   */
  synchronized String polled() {
    statusPolls++;
    return callbackClaimed ? outcome.reportedStatus().orElse("running") : "running";
  }

  synchronized void sending(SentCallback callback) {
    lastCallback = callback;
  }

  synchronized SentCallback lastCallback() {
    return lastCallback;
  }

  synchronized void answered() {
    callbacksSent++;
  }

  synchronized void callbackStatus(String status) {
    callbackStatus = status;
  }

  synchronized View view() {
    Sent callback =
        lastCallback == null
            ? null
            : new Sent(
                new String(lastCallback.body(), java.nio.charset.StandardCharsets.UTF_8),
                lastCallback.signature());
    return new View(
        jobId,
        request.runId(),
        request.experiment(),
        request.revision(),
        request.attempt(),
        kind,
        request.callbackUrl(),
        scenario.word(),
        cancelled,
        callbackStatus,
        callbacksSent,
        statusPolls,
        resultsFetches,
        Rfc3339.format(receivedAt),
        callback);
  }

  /** The last callback as it went over the wire: its body and {@code X-Gort-Signature}. */
  public record Sent(String body, String signature) {}

  /** A job as {@code GET /sim/runners/{runner}/jobs} lists it. */
  public record View(
      String jobId,
      String runId,
      String experiment,
      String revision,
      int attempt,
      String kind,
      String callbackUrl,
      String scenario,
      boolean cancelled,
      String callbackStatus,
      int callbacksSent,
      int statusPolls,
      int resultsFetches,
      String receivedAt,
      Sent callback) {}
}
