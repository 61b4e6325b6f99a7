package dev.gort.scheduler.run;

import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunHalt;
import dev.gort.common.time.StoredTime;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.ColumnTransformer;

/** A test run of one experiment revision; its state only changes through {@link RunLifecycle}. */
@Entity
@Table(name = "test_run")
public class TestRun extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false)
  public String experiment;

  @Column(nullable = false)
  public String revision;

  /** The experiment's owner, as the source said; null when it named none. */
  public String owner;

  @Column(name = "owner_email", nullable = false)
  public String ownerEmail;

  @Column(nullable = false)
  public String runner;

  /** What the runner is asked to do: {@code test}, {@code build} or {@code boot}. */
  @Column(nullable = false)
  public String kind = "test";

  /** The runner settings the run was requested with, as the runner checked them: a JSON object. */
  @Column(name = "settings", nullable = false)
  @ColumnTransformer(write = "cast(? as jsonb)")
  public String settingsJson = "{}";

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

  /** Who asked for the run: the caller's name, or the poller for a scheduled run. */
  @Column(name = "requested_by")
  public String requestedBy;

  public String summary;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_action_at", nullable = false)
  public Instant lastActionAt;

  /**
   * Since when the runner of the current attempt has not answered the gateway's status polls; null
   * while it answers. Any later step of the run clears it.
   */
  @Column(name = "unresponsive_since")
  public Instant unresponsiveSince;

  /** The deadline of the current attempt at its runner, as the gateway's dispatch said. */
  @Column(name = "attempt_deadline")
  public Instant attemptDeadline;

  /** Nudges of the stall detector since the run last made progress. */
  @Column(nullable = false)
  public int nudges;

  /** When the notifier confirmed it took the owner's notification of the finished run. */
  @Column(name = "notified_at")
  public Instant notifiedAt;

  /** Times the finished run's {@code RunFinished} was sent again for want of that confirmation. */
  @Column(name = "notify_nudges", nullable = false)
  public int notifyNudges;

  /** When {@code RunFinished} was last sent again; the next allowance counts from it. */
  @Column(name = "notify_nudged_at")
  public Instant notifyNudgedAt;

  /** A cancelled run's halt of its job at the runner, as the gateway last said; null otherwise. */
  @Enumerated(EnumType.STRING)
  public RunHalt halt;

  /** What the gateway said of that halt. */
  @Column(name = "halt_detail")
  public String haltDetail;

  /** The results worker's report of the run, once it evaluated it; null otherwise. */
  @Column(name = "report_id")
  public String reportId;

  /** When the halt was asked for, or when the gateway last said what came of it. */
  @Column(name = "halt_at")
  public Instant haltAt;

  /**
   * Whether the finished run's {@code RunFinished} went out; false while a cancel waits for the
   * gateway's word on the halt, so the owner's mail can say what came of it.
   */
  @Column(name = "finish_announced", nullable = false)
  public boolean finishAnnounced = true;

  @Version public long version;

  // a page of runs loads its histories in a few queries, not one per run
  @ElementCollection
  @BatchSize(size = 64)
  @CollectionTable(name = "test_run_history", joinColumns = @JoinColumn(name = "run_id"))
  @OrderColumn(name = "position")
  public List<RunHistoryEntry> history = new ArrayList<>();

  public static Optional<TestRun> byOperation(String operationId) {
    return find("operationId", operationId).firstResultOptional();
  }

  public static Optional<TestRun> unfinishedOf(String experiment) {
    return find("experiment = ?1 and state <> ?2", experiment, RunState.FINISHED)
        .firstResultOptional();
  }

  /** Runs matching the filters that are not null, latest first, {@code limit} from {@code skip}. */
  public static List<TestRun> list(
      String owner, String experiment, RunState state, Outcome outcome, int skip, int limit) {
    List<String> where = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    if (owner != null) {
      where.add("owner = :owner");
      params.put("owner", owner);
    }
    if (experiment != null) {
      where.add("experiment = :experiment");
      params.put("experiment", experiment);
    }
    if (state != null) {
      where.add("state = :state");
      params.put("state", state);
    }
    if (outcome != null) {
      where.add("outcome = :outcome");
      params.put("outcome", outcome);
    }
    String query = where.isEmpty() ? "" : String.join(" and ", where);
    return find(query, Sort.descending("createdAt").and("id"), params)
        .range(skip, skip + limit - 1)
        .list();
  }

  public static Optional<TestRun> findByIdForUpdate(String id) {
    return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
  }

  public static Optional<TestRun> byOperationForUpdate(String operationId) {
    return find("operationId", operationId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  /** One trigger of the {@link RunLifecycle} and the reason recorded with it. */
  public record Step(RunTrigger trigger, String reason) {}

  /**
   * Takes {@code steps} in order through the state machine. All of them are checked before any is
   * taken, so a refused step leaves the run exactly as it was.
   *
   * @throws dev.gort.common.statemachine.IllegalTransitionException when a step is not allowed
   */
  void advance(Instant at, Step... steps) {
    List<RunState> states = new ArrayList<>();
    RunState current = state;
    for (Step step : steps) {
      current = RunLifecycle.MACHINE.next(current, step.trigger(), this);
      states.add(current);
    }
    // a nudge is no progress: it neither resets the nudge count nor ends the runner's silence
    boolean progress = Arrays.stream(steps).anyMatch(step -> step.trigger() != RunTrigger.NUDGED);
    if (progress) {
      nudges = 0;
      unresponsiveSince = null;
    }
    for (int i = 0; i < steps.length; i++) {
      enter(states.get(i), at, steps[i].reason());
    }
  }

  /**
   * Records entering {@code to}; only the first state and {@link #advance} call it. Times keep the
   * database's precision (microseconds), so what a request answers is what a later read returns.
   */
  /** Records {@code reason} in the history of a finished run, whose state no longer moves. */
  void note(Instant at, String reason) {
    history.add(new RunHistoryEntry(state, StoredTime.of(at), reason));
  }

  void enter(RunState to, Instant at, String reason) {
    Instant stored = StoredTime.of(at);
    if (createdAt == null) {
      createdAt = stored;
    }
    state = to;
    lastActionAt = stored;
    history.add(new RunHistoryEntry(to, stored, reason));
  }
}
