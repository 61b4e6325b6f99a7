package dev.gort.simulators.tuxsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.simulators.runner.AttemptBehaviour;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * One job at the simulated TuxSuite: a test (a boot test is a test of {@code ["boot"]}) or a build,
 * as submitted, and what its scenario makes of it. Mutable state is guarded by the job's monitor.
 */
final class TuxJob {

  /** TuxSuite's {@code tests} or {@code builds}. */
  enum Kind {
    TEST("test", "tests"),
    BUILD("build", "builds");

    final String word;
    final String path;

    Kind(String word, String path) {
      this.word = word;
      this.path = path;
    }
  }

  private final String uid;
  private boolean cancelAsked;
  private final Kind kind;
  private final String project;
  private final ObjectNode submitted;
  private final String callbackUrl;
  private final Map<String, String> callbackHeaders;
  private final String experiment;
  private final String runId;
  private final int attempt;
  private final AttemptBehaviour behaviour;
  private final Instant created;
  private String state = "provisioning";
  private String result;
  private Instant finishedAt;
  private String callbackStatus = "none";
  private String lastCallback;
  private String lastSignature;
  private ScheduledFuture<?> pending;

  TuxJob(
      String uid,
      Kind kind,
      String project,
      ObjectNode submitted,
      String callbackUrl,
      Map<String, String> callbackHeaders,
      String experiment,
      String runId,
      int attempt,
      AttemptBehaviour behaviour,
      Instant created) {
    this.uid = uid;
    this.kind = kind;
    this.project = project;
    this.submitted = submitted;
    this.callbackUrl = callbackUrl;
    this.callbackHeaders = Map.copyOf(callbackHeaders);
    this.experiment = experiment;
    this.runId = runId;
    this.attempt = attempt;
    this.behaviour = behaviour;
    this.created = created;
  }

  String uid() {
    return uid;
  }

  Kind kind() {
    return kind;
  }

  String project() {
    return project;
  }

  ObjectNode submitted() {
    return submitted;
  }

  String callbackUrl() {
    return callbackUrl;
  }

  Map<String, String> callbackHeaders() {
    return callbackHeaders;
  }

  String experiment() {
    return experiment;
  }

  String runId() {
    return runId;
  }

  AttemptBehaviour behaviour() {
    return behaviour;
  }

  Instant created() {
    return created;
  }

  /** Gort's kind of the job: a test of only {@code boot} is a boot test. */
  String gortKind() {
    if (kind == Kind.BUILD) {
      return "build";
    }
    var tests = submitted.get("tests");
    return tests != null
            && tests.isArray()
            && tests.size() == 1
            && "boot".equals(tests.get(0).asText())
        ? "boot"
        : "test";
  }

  synchronized String state() {
    return state;
  }

  synchronized String result() {
    return result;
  }

  synchronized Instant finishedAt() {
    return finishedAt;
  }

  synchronized void running() {
    if ("provisioning".equals(state)) {
      state = "running";
    }
  }

  /** Ends the job with {@code result} unless it ended already; whether this call ended it. */
  /** A client asked TuxSuite to cancel the job (whether or not it had finished). */
  synchronized void cancelAsked() {
    cancelAsked = true;
  }

  synchronized boolean finish(String result, Instant at) {
    if ("finished".equals(state)) {
      return false;
    }
    state = "finished";
    this.result = result;
    finishedAt = at;
    if (pending != null) {
      pending.cancel(false);
    }
    return true;
  }

  synchronized void pending(ScheduledFuture<?> future) {
    pending = future;
  }

  synchronized void sent(String body, String signature) {
    lastCallback = body;
    lastSignature = signature;
  }

  synchronized String lastCallback() {
    return lastCallback;
  }

  synchronized String lastSignature() {
    return lastSignature;
  }

  synchronized void callbackStatus(String status) {
    callbackStatus = status;
  }

  /** What the control API lists: {@code jobId} is the TuxSuite uid, as Gort records it. */
  synchronized View view() {
    return new View(
        uid,
        uid,
        gortKind(),
        project,
        experiment,
        runId,
        attempt,
        behaviour.word(),
        state,
        result,
        callbackUrl,
        callbackStatus,
        cancelAsked,
        created.toString());
  }

  record View(
      String jobId,
      String uid,
      String kind,
      String project,
      String experiment,
      String runId,
      int attempt,
      String behaviour,
      String state,
      String result,
      String callbackUrl,
      String callbackStatus,
      boolean cancelled,
      String created) {}
}
