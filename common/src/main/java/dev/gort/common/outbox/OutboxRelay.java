package dev.gort.common.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Moves committed outbox rows to Kafka. A row is marked published only after the broker
 * acknowledged it, in the same local transaction that locked it: a crash after publishing and
 * before marking re-publishes the row (consumers drop the duplicate by event id); nothing is lost.
 * Rows are locked with {@code SKIP LOCKED}, so replicas of a service relay side by side.
 */
public final class OutboxRelay {

  private final DataSource dataSource;
  private final EventPublisher publisher;
  private final int batchSize;

  public OutboxRelay(DataSource dataSource, EventPublisher publisher, int batchSize) {
    this.dataSource = dataSource;
    this.publisher = publisher;
    this.batchSize = batchSize;
  }

  /** Publishes up to one batch; returns how many rows were published. */
  public int relayOnce() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Long> ids = new ArrayList<>();
        List<EventPublisher.Message> batch = new ArrayList<>();
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT id, topic, message_key, payload FROM gort_outbox"
                    + " WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
          s.setInt(1, batchSize);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
              batch.add(
                  new EventPublisher.Message(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
          }
        }
        if (ids.isEmpty()) {
          c.commit();
          return 0;
        }
        publisher.publish(batch);
        markPublished(c, ids);
        c.commit();
        return ids.size();
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Relays until the outbox is empty; returns the total published. */
  public int drain() throws Exception {
    int total = 0;
    int n;
    while ((n = relayOnce()) > 0) {
      total += n;
    }
    return total;
  }

  private static void markPublished(Connection c, List<Long> ids) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE gort_outbox SET published_at = now() WHERE id = ANY (?)")) {
      Array array = c.createArrayOf("bigint", ids.toArray());
      s.setArray(1, array);
      s.executeUpdate();
    }
  }
}
