package dev.gort.common.inbox;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Makes a consumer idempotent: it records each processed event id in the same transaction as the
 * event's effect, so a redelivered event is recognised and changes nothing.
 */
@Singleton
public class Inbox {

  private final DataSource dataSource;

  @Inject
  public Inbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Whether {@code consumer} already processed {@code eventId}: lets a consumer skip slow work
   * (HTTP) for a redelivery. Only {@link #firstDelivery} inside the effect's transaction decides.
   */
  public boolean alreadyProcessed(String consumer, String eventId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT 1 FROM gort_inbox WHERE consumer = ? AND event_id = ?")) {
      s.setString(1, consumer);
      s.setString(2, eventId);
      try (var rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the inbox", e);
    }
  }

  /**
   * Records {@code eventId} as processed by {@code consumer}; true the first time, false for a
   * redelivery. Call inside the transaction of the effect; if it rolls back, so does the record.
   */
  public boolean firstDelivery(String consumer, String eventId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO gort_inbox (consumer, event_id) VALUES (?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
      s.setString(1, consumer);
      s.setString(2, eventId);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record event " + eventId + " in the inbox", e);
    }
  }
}
