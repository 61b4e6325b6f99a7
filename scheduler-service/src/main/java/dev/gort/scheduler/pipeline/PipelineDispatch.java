package dev.gort.scheduler.pipeline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One job of a pipeline run handed to the gateway: its id is the {@code runId} of that {@code
 * RunRequested}, so the gateway's events about it find the run, the job and the attempt.
 */
@Entity
@Table(name = "pipeline_job_dispatch")
public class PipelineDispatch extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "run_id", nullable = false)
  public String runId;

  @Column(nullable = false)
  public String job;

  @Column(nullable = false)
  public int attempt;

  @Column(nullable = false)
  public String runner;

  @Column(name = "runner_job_id")
  public String runnerJobId;

  @Column(name = "results_url")
  public String resultsUrl;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(name = "dispatched_at")
  public Instant dispatchedAt;

  @Column(name = "halt_requested_at")
  public Instant haltRequestedAt;

  /** When the gateway says the attempt is due (RunDispatched); null when it did not say. */
  @Column(name = "attempt_deadline")
  public Instant attemptDeadline;

  /** When its result came (or it was given up); null while it is open. */
  @Column(name = "finished_at")
  public Instant finishedAt;

  /** Its last progress (requested, dispatched) or nudge: what the stall detector counts from. */
  @Column(name = "last_action_at", nullable = false)
  public Instant lastActionAt;

  /** Nudges since its last progress. */
  @Column(nullable = false)
  public int nudges;

  public static Optional<PipelineDispatch> of(String runId, String job, int attempt) {
    return PipelineDispatch.<PipelineDispatch>find(
            "runId = ?1 and job = ?2 and attempt = ?3", runId, job, attempt)
        .firstResultOptional();
  }

  public static List<PipelineDispatch> ofRun(String runId) {
    return PipelineDispatch.<PipelineDispatch>list("runId = ?1 order by requestedAt, id", runId);
  }
}
