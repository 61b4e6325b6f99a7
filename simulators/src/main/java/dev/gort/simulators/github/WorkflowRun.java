package dev.gort.simulators.github;

import dev.gort.simulators.runner.AttemptBehaviour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One workflow run of a simulated repository: Gort's (dispatched, its end decided by the scenario
 * word) or a foreign one (another workflow, its conclusion fixed). Status moves {@code queued} →
 * {@code in_progress} → {@code completed} and never back; a cancel completes it {@code cancelled}.
 */
final class WorkflowRun {

  static final String QUEUED = "queued";
  static final String IN_PROGRESS = "in_progress";
  static final String COMPLETED = "completed";

  private final long id;
  private final long jobId;
  private final SimulatedRepository repository;
  private final SimulatedRepository.Workflow workflow;
  private final int runNumber;
  private final String name;
  private final String event;
  private final String branch;
  private final Map<String, String> inputs;
  private final AttemptBehaviour behaviour;
  private final String conclusionAtEnd;
  private final Instant createdAt;

  private String status = QUEUED;
  private String conclusion;
  private Instant updatedAt;
  private Instant startedAt;
  private boolean cancelled;
  private Future<?> nextStep;
  private Artifact artifact;
  private final List<WebhookDelivery> deliveries = new ArrayList<>();
  private CompletableFuture<?> deliveryTail = CompletableFuture.completedFuture(null);
  private int apiReads;

  /** The zip a completed run uploaded, as {@code GET …/artifacts} lists it. */
  record Artifact(long id, String name, byte[] zip, Instant createdAt) {}

  WorkflowRun(
      long id,
      long jobId,
      SimulatedRepository repository,
      SimulatedRepository.Workflow workflow,
      int runNumber,
      String name,
      String event,
      String branch,
      Map<String, String> inputs,
      AttemptBehaviour behaviour,
      String conclusionAtEnd,
      Instant createdAt) {
    this.id = id;
    this.jobId = jobId;
    this.repository = repository;
    this.workflow = workflow;
    this.runNumber = runNumber;
    this.name = name;
    this.event = event;
    this.branch = branch;
    this.inputs = Map.copyOf(inputs);
    this.behaviour = behaviour;
    this.conclusionAtEnd = conclusionAtEnd;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  long id() {
    return id;
  }

  /** The id of the run's one job ({@code workflow_job.id}). */
  long jobId() {
    return jobId;
  }

  SimulatedRepository repository() {
    return repository;
  }

  SimulatedRepository.Workflow workflow() {
    return workflow;
  }

  int runNumber() {
    return runNumber;
  }

  String name() {
    return name;
  }

  String event() {
    return event;
  }

  String branch() {
    return branch;
  }

  Map<String, String> inputs() {
    return inputs;
  }

  Instant createdAt() {
    return createdAt;
  }

  /** The scenario word deciding the run's end; null for a foreign run. */
  AttemptBehaviour behaviour() {
    return behaviour;
  }

  boolean isGort() {
    return behaviour != null;
  }

  /** The conclusion it completes with by itself, or null when it never completes. */
  String conclusionAtEnd() {
    return conclusionAtEnd;
  }

  /** Whether its API (status, cancel, artifacts) answers at all ({@code unresponsive} does not). */
  boolean responsive() {
    return behaviour != AttemptBehaviour.UNRESPONSIVE;
  }

  /** Whether GitHub would send its webhooks ({@code unresponsive}, {@code lost-webhook}: never). */
  boolean sendsWebhooks() {
    return behaviour != AttemptBehaviour.UNRESPONSIVE && behaviour != AttemptBehaviour.LOST_WEBHOOK;
  }

  synchronized String status() {
    return status;
  }

  synchronized String conclusion() {
    return conclusion;
  }

  synchronized Instant updatedAt() {
    return updatedAt;
  }

  synchronized Instant startedAt() {
    return startedAt;
  }

  synchronized boolean cancelled() {
    return cancelled;
  }

  synchronized Artifact artifact() {
    return artifact;
  }

  synchronized void nextStep(Future<?> step) {
    nextStep = step;
  }

  /** Moves a queued run to {@code in_progress}; false when it has moved on already. */
  synchronized boolean start(Instant now) {
    if (!QUEUED.equals(status)) {
      return false;
    }
    status = IN_PROGRESS;
    startedAt = now;
    updatedAt = now;
    return true;
  }

  /** Completes the run; false when it had completed already (a cancel overtook it, say). */
  synchronized boolean complete(String conclusion, Artifact artifact, Instant now) {
    if (COMPLETED.equals(status)) {
      return false;
    }
    if (startedAt == null) {
      startedAt = now;
    }
    status = COMPLETED;
    this.conclusion = conclusion;
    this.artifact = artifact;
    updatedAt = now;
    return true;
  }

  /**
   * Marks a cancel requested: true when the run had not completed (its pending step is dropped and
   * the caller completes it {@code cancelled}).
   */
  synchronized boolean requestCancel() {
    if (COMPLETED.equals(status)) {
      return false;
    }
    cancelled = true;
    if (nextStep != null) {
      nextStep.cancel(false);
    }
    return true;
  }

  synchronized void countRead() {
    apiReads++;
  }

  synchronized int apiReads() {
    return apiReads;
  }

  /** Queues {@code delivery} after the run's earlier ones, so one run's events go out in order. */
  synchronized void deliverInOrder(
      WebhookDelivery delivery,
      java.util.function.Function<WebhookDelivery, CompletableFuture<?>> send) {
    deliveries.add(delivery);
    deliveryTail =
        deliveryTail.handle((ok, error) -> null).thenCompose(ignored -> send.apply(delivery));
  }

  synchronized List<WebhookDelivery> deliveries() {
    return List.copyOf(deliveries);
  }
}
