package dev.gort.gateway.dispatch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One attempt to run a test run on a runner; its id is the token in the callback URL. */
@Entity
@Table(name = "dispatch_attempt")
public class Attempt extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "run_id", nullable = false)
  public String runId;

  @Column(nullable = false)
  public int attempt;

  @Column(nullable = false)
  public String runner;

  @Column(nullable = false)
  public String kind;

  @Column(nullable = false)
  public String experiment;

  @Column(nullable = false)
  public String revision;

  @Column(name = "max_attempts", nullable = false)
  public int maxAttempts;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public AttemptState state;

  @Column(name = "runner_job_id")
  public String runnerJobId;

  public Instant deadline;

  @Column(nullable = false)
  public int tries;

  @Column(name = "next_try_at", nullable = false)
  public Instant nextTryAt;

  @Column(name = "last_error")
  public String lastError;

  public String traceparent;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "dispatched_at")
  public Instant dispatchedAt;

  @Version public long version;
}
