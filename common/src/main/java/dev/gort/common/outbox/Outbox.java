package dev.gort.common.outbox;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvelopeCodec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Records an event to publish in the caller's database transaction: the state change and the event
 * it causes commit together or not at all. {@link OutboxRelay} publishes it afterwards.
 */
@Singleton
public class Outbox {

  private final DataSource dataSource;

  @Inject
  public Outbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Must run inside the transaction of the state change (under JTA the connection enlists). */
  public void add(String topic, Envelope envelope) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO gort_outbox (event_id, topic, message_key, payload)"
                    + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, envelope.id());
      s.setString(2, topic);
      s.setString(3, envelope.subject());
      s.setString(4, EnvelopeCodec.encode(envelope));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add " + envelope.type() + " to the outbox", e);
    }
  }
}
