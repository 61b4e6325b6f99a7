package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.RunOptions;
import dev.gort.common.pipeline.run.RunStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A pipeline run (issue 13): its pipeline and its steps as JSON. No decisions here: the engine is
 * {@link #engine()} restored from the row, and {@link #save} writes back what it decided.
 */
@Entity
@Table(name = "pipeline_run")
public class PipelineRun extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "operation_id", nullable = false, unique = true)
  public String operationId;

  @Column(nullable = false)
  public String pipeline;

  @Column(nullable = false)
  public int number;

  public String owner;
  public String experiment;
  public String repository;

  @Column(name = "commit_sha")
  public String commit;

  /** The pipeline in its file's shape ({@link PipelineJson}), its jobs in file order. */
  @Column(name = "spec", nullable = false)
  @ColumnTransformer(write = "cast(? as json)")
  public String specJson;

  @Column(name = "max_parallel", nullable = false)
  public int maxParallel;

  @Column(name = "pause_on_failure", nullable = false)
  public boolean pauseOnFailure;

  /** Every step's fields ({@link StepsJson}). */
  @Column(name = "steps", nullable = false)
  @ColumnTransformer(write = "cast(? as jsonb)")
  public String stepsJson;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RunStatus status;

  @Column(name = "percent_complete", nullable = false)
  public int percentComplete;

  public String summary;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version public long version;

  /** The run's pipeline, as validated when the run was created. */
  public PipelineSpec spec() {
    return new PipelineParser().parse(specJson);
  }

  public RunOptions options() {
    return new RunOptions(maxParallel, pauseOnFailure);
  }

  /** The engine as the run was saved. */
  public PipelineEngine engine() {
    return PipelineEngine.restore(spec(), options(), StepsJson.read(stepsJson));
  }

  /** Writes back what {@code engine} decided: steps, status, progress and times. */
  public void save(PipelineEngine engine, Instant now) {
    stepsJson = StepsJson.write(engine.steps());
    status = engine.status();
    percentComplete = PipelineProgress.percentComplete(engine);
    updatedAt = now;
    if (startedAt == null && status != RunStatus.NOT_STARTED) {
      startedAt = now;
    }
    if (status.isFinal() && finishedAt == null) {
      finishedAt = now;
    }
  }

  public static Optional<PipelineRun> findForUpdate(String id) {
    return PipelineRun.<PipelineRun>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  public static Optional<PipelineRun> byOperation(String operationId) {
    return PipelineRun.<PipelineRun>find("operationId", operationId).firstResultOptional();
  }

  public static Optional<PipelineRun> byOperationForUpdate(String operationId) {
    return PipelineRun.<PipelineRun>find("operationId", operationId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }
}
