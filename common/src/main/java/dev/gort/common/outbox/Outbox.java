package dev.gort.common.outbox;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvelopeCodec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Records an event to publish in the caller's database transaction: the state change and the event
 * it causes commit together or not at all. {@link OutboxRelay} publishes it afterwards.
 *
 * <p>Every event a service emits is stamped with the service's interval tree clock for its subject
 * ({@link CausalClock#next}, the CloudEvents attribute {@code gortclock}), unless it already has a
 * stamp.
 */
@Singleton
public class Outbox {

  private final DataSource dataSource;
  private final CausalClock causalClock;

  @Inject
  public Outbox(DataSource dataSource, CausalClock causalClock) {
    this.dataSource = dataSource;
    this.causalClock = Objects.requireNonNull(causalClock);
  }

  /** An outbox that adds envelopes as they are, stamped or not: for tests and tools. */
  public Outbox(DataSource dataSource) {
    this.dataSource = dataSource;
    this.causalClock = null;
  }

  /** Must run inside the transaction of the state change (under JTA the connection enlists). */
  public void add(String topic, Envelope envelope) {
    Envelope stamped =
        envelope.clock() == null && causalClock != null
            ? envelope.withClock(causalClock.next(envelope.subject()))
            : envelope;
    insert(stamped.id(), topic, stamped.subject(), EnvelopeCodec.encode(stamped));
  }

  /**
   * Publishes {@code payload} exactly as it is (an event another service emitted, replayed from a
   * dead letter): neither re-stamped nor re-encoded. {@code rowId} names the outbox row; the event
   * keeps its own id inside the payload, so consumers that processed it drop it.
   */
  public void addRaw(String rowId, String topic, String key, String payload) {
    insert(rowId, topic, key, payload);
  }

  private void insert(String rowId, String topic, String key, String payload) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO gort_outbox (event_id, topic, message_key, payload)"
                    + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, rowId);
      s.setString(2, topic);
      s.setString(3, key);
      s.setString(4, payload);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add an event to the outbox for " + topic, e);
    }
  }
}
