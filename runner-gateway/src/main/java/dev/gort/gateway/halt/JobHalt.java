package dev.gort.gateway.halt;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A job to halt at its runner, and what came of it; {@code nextTryAt} is also a halt's lease. */
@Entity
@Table(name = "job_halt")
public class JobHalt extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "attempt_id", nullable = false)
  public String attemptId;

  @Column(nullable = false)
  public String runner;

  @Column(name = "job_id", nullable = false)
  public String jobId;

  @Column(nullable = false)
  public String kind;

  @Column(name = "settings", nullable = false)
  public String settingsJson;

  /** Why the job is halted: {@link HaltReason}, as a word. */
  @Column(nullable = false)
  public String why;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(nullable = false)
  public int tries;

  @Column(name = "next_try_at", nullable = false)
  public Instant nextTryAt;

  @Column(name = "halted_at")
  public Instant haltedAt;

  /** Whether the runner confirmed the halt (false: given up); null while it is being asked. */
  public Boolean reached;

  /** What the runner answered, or why the halt was given up. */
  public String result;
}
