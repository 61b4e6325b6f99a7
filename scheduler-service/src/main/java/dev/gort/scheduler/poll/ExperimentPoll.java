package dev.gort.scheduler.poll;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One finished poll of the experiment source, failed or not. */
@Entity
@Table(name = "experiment_poll")
public class ExperimentPoll extends PanacheEntityBase {

  /** How a poll ended. */
  public enum Status {
    SUCCEEDED,
    FAILED
  }

  @Id public String id;

  @Column(nullable = false)
  public String instance;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(name = "finished_at", nullable = false)
  public Instant finishedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;

  @Column(name = "experiments_seen", nullable = false)
  public int experimentsSeen;

  @Column(name = "experiments_ready", nullable = false)
  public int experimentsReady;

  @Column(name = "runs_created", nullable = false)
  public int runsCreated;

  @Column(name = "entries_skipped", nullable = false)
  public int entriesSkipped;

  /** Why the poll failed, or which source entries it skipped. */
  public String reason;
}
