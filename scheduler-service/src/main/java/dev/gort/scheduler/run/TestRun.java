package dev.gort.scheduler.run;

import dev.gort.common.event.Outcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A test run of one experiment revision; its state only changes through {@link RunLifecycle}. */
@Entity
@Table(name = "test_run")
public class TestRun extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false)
  public String experiment;

  @Column(nullable = false)
  public String revision;

  @Column(nullable = false)
  public String owner;

  @Column(name = "owner_email", nullable = false)
  public String ownerEmail;

  @Column(nullable = false)
  public String runner;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RunState state;

  @Enumerated(EnumType.STRING)
  public Outcome outcome;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "max_attempts", nullable = false)
  public int maxAttempts;

  @Column(name = "operation_id", nullable = false, unique = true)
  public String operationId;

  @Column(name = "idempotency_key", unique = true)
  public String idempotencyKey;

  public String summary;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_action_at", nullable = false)
  public Instant lastActionAt;

  @Version public long version;

  @ElementCollection
  @CollectionTable(name = "test_run_history", joinColumns = @JoinColumn(name = "run_id"))
  @OrderColumn(name = "position")
  public List<RunHistoryEntry> history = new ArrayList<>();

  public static Optional<TestRun> byOperation(String operationId) {
    return find("operationId", operationId).firstResultOptional();
  }

  public static Optional<TestRun> byIdempotencyKey(String key) {
    return find("idempotencyKey", key).firstResultOptional();
  }

  public static Optional<TestRun> unfinishedOf(String experiment) {
    return find("experiment = ?1 and state <> ?2", experiment, RunState.FINISHED)
        .firstResultOptional();
  }

  /** Moves to {@code to} and records it; callers get {@code to} from the state machine. */
  void enter(RunState to, Instant at, String reason) {
    state = to;
    lastActionAt = at;
    history.add(new RunHistoryEntry(to, at, reason));
  }
}
