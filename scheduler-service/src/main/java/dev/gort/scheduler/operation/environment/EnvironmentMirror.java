package dev.gort.scheduler.operation.environment;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvironmentEvents.EnvironmentCancelRequested;
import dev.gort.common.event.EnvironmentEvents.EnvironmentStatus;
import dev.gort.common.event.MalformedEventException;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.security.Caller;
import dev.gort.common.time.StoredTime;
import dev.gort.common.web.Untrusted;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The scheduler's mirror of the provisioner's environment operations ({@code
 * environment_operation}): kept from its {@code EnvironmentStatus} events, newest sequence wins;
 * and the one place an environment's cancel is asked for ({@code EnvironmentCancelRequested}).
 */
@ApplicationScoped
public class EnvironmentMirror {

  static final String CONSUMER = "scheduler-service.environments";
  static final String SOURCE = "/gort/scheduler-service";

  /** Counter of events refused because a newer status of their environment was applied. */
  static final String STALE_EVENTS = "gort.events.stale";

  private static final Logger LOG = Logger.getLogger(EnvironmentMirror.class);

  private static final String COLUMNS =
      "environment_id, operation_id, owner, state, step, percent_complete, failure, created_at,"
          + " last_action_at, sequence, cancel_requested_at, cancel_requested_by";

  // a newer status replaces the row; an older or equal one (late, or sent again) changes nothing.
  // The owner and the creation time are the environment's own: the first status sets them.
  private static final String UPSERT =
      "INSERT INTO environment_operation (environment_id, operation_id, owner, state, step,"
          + " percent_complete, failure, created_at, last_action_at, sequence)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (environment_id) DO UPDATE SET operation_id = EXCLUDED.operation_id,"
          + " state = EXCLUDED.state, step = EXCLUDED.step,"
          + " percent_complete = EXCLUDED.percent_complete, failure = EXCLUDED.failure,"
          + " last_action_at = EXCLUDED.last_action_at, sequence = EXCLUDED.sequence"
          + " WHERE environment_operation.sequence < EXCLUDED.sequence";

  @Inject AgroalDataSource dataSource;
  @Inject Inbox inbox;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject MeterRegistry metrics;

  /**
   * Applies one event once: the inbox entry and the row commit together. A status older than the
   * one the row holds (by {@code sequence}) is counted and changes nothing.
   *
   * @throws MalformedEventException for a status without environment, operation or state
   */
  @Transactional
  public void apply(Envelope event) {
    if (!(event.data() instanceof EnvironmentStatus status)) {
      LOG.debugf("%s is not for the scheduler's environment operations", event.type());
      return;
    }
    if (blank(status.environmentId()) || blank(status.operationId()) || blank(status.state())) {
      throw new MalformedEventException(
          "EnvironmentStatus "
              + event.id()
              + " names no environment, operation or state: it cannot be mirrored",
          null);
    }
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      LOG.debugf("event %s already applied", event.id());
      return;
    }
    Instant changed =
        status.changedAt() != null
            ? status.changedAt()
            : event.time() != null ? event.time() : clock.instant();
    Instant created = status.createdAt() != null ? status.createdAt() : changed;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(UPSERT)) {
      s.setString(1, status.environmentId());
      s.setString(2, status.operationId());
      s.setString(3, blank(status.owner()) ? null : status.owner());
      s.setString(4, status.state());
      s.setString(5, status.step());
      s.setInt(6, Math.max(0, Math.min(100, status.percentComplete())));
      s.setString(7, status.failure());
      s.setObject(8, utc(created));
      s.setObject(9, utc(changed));
      s.setLong(10, status.sequence());
      if (s.executeUpdate() == 0) {
        metrics.counter(STALE_EVENTS, "type", event.type()).increment();
        LOG.infof(
            "environment %s: status %d (%s) ignored: a newer one is applied",
            Untrusted.forLog(status.environmentId()),
            status.sequence(),
            Untrusted.forLog(status.state()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot mirror the status of environment " + Untrusted.forLog(status.environmentId()), e);
    }
  }

  /** The mirrored operation {@code operationId}, if {@code caller} may see it. */
  @Transactional
  public Optional<EnvironmentOperation> find(String operationId, Caller caller) {
    return byOperation(operationId, false).filter(o -> caller.mayActFor(o.owner()));
  }

  /** What a cancel found and did. */
  public record Cancellation(EnvironmentOperation operation, boolean alreadyFinished) {}

  /**
   * Asks the provisioner to cancel the environment of operation {@code operationId}: the first call
   * records the request and publishes {@code EnvironmentCancelRequested} in one transaction; a
   * repeat while it is pending, or once the environment is cancelled, publishes nothing more. The
   * operation itself stays as the provisioner last said until its next status arrives. An operation
   * that finished otherwise is left alone ({@code alreadyFinished}).
   *
   * @return empty when there is no such operation, or it is not the caller's
   */
  @Transactional
  public Optional<Cancellation> cancel(String operationId, Caller caller) {
    Optional<EnvironmentOperation> found =
        byOperation(operationId, true).filter(o -> caller.mayActFor(o.owner()));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    EnvironmentOperation operation = found.get();
    if (operation.isFinal()) {
      return Optional.of(new Cancellation(operation, !operation.status().equals("cancelled")));
    }
    if (operation.cancelRequestedAt() != null) {
      return Optional.of(new Cancellation(operation, false));
    }
    Instant now = StoredTime.of(clock.instant());
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE environment_operation SET cancel_requested_at = ?,"
                    + " cancel_requested_by = ? WHERE environment_id = ?")) {
      s.setObject(1, utc(now));
      s.setString(2, caller.name());
      s.setString(3, operation.environmentId());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot record the cancel of environment " + Untrusted.forLog(operation.environmentId()),
          e);
    }
    outbox.add(
        Topics.ENVIRONMENTS_REQUESTED,
        Envelope.of(
            SOURCE,
            new EnvironmentCancelRequested(
                operation.environmentId(), operation.owner(), caller.name()),
            now));
    LOG.infof(
        "environment %s: cancel asked for by %s",
        Untrusted.forLog(operation.environmentId()), Untrusted.forLog(caller.name()));
    return Optional.of(new Cancellation(operation, false));
  }

  private Optional<EnvironmentOperation> byOperation(String operationId, boolean forUpdate) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM environment_operation WHERE operation_id = ?"
            + (forUpdate ? " FOR UPDATE" : "");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, operationId);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read environment operations", e);
    }
  }

  private static EnvironmentOperation read(ResultSet rows) throws SQLException {
    return new EnvironmentOperation(
        rows.getString("environment_id"),
        rows.getString("operation_id"),
        rows.getString("owner"),
        rows.getString("state"),
        rows.getString("step"),
        rows.getInt("percent_complete"),
        rows.getString("failure"),
        instant(rows, "created_at"),
        instant(rows, "last_action_at"),
        rows.getLong("sequence"),
        instant(rows, "cancel_requested_at"),
        rows.getString("cancel_requested_by"));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant time) {
    return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
