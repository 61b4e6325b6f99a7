package dev.gort.common.deadletter;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.MalformedEventException;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.signature.Sha256;
import dev.gort.common.web.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The dead letters this service kept ({@code gort_dead_letter}). */
@Singleton
@IfBuildProperty(name = "gort.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class DeadLetterStore {

  /** Longest payload shown in the list; the whole payload is kept and replayed. */
  static final int SHOWN_PAYLOAD = 65536;

  static final int MAX_REASON = 2000;

  private static final String COLUMNS =
      "id, source_topic, source_partition, source_offset, message_key, event_id, event_type,"
          + " reason, payload, received_at, replayed_at, replays";

  @Inject DataSource dataSource;
  @Inject Outbox outbox;
  @Inject Clock clock;

  /** A record as it arrived on the dead-letter topic, with what its headers say. */
  public record Arrival(
      int dlqPartition,
      long dlqOffset,
      String sourceTopic,
      Integer sourcePartition,
      Long sourceOffset,
      String key,
      byte[] payload,
      String reason) {}

  /** Keeps {@code arrival} once, however often the dead-letter record is delivered. */
  @Transactional
  public void keep(Arrival arrival) {
    Optional<Envelope> event = decode(arrival.payload());
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO gort_dead_letter (id, dlq_partition, dlq_offset, payload_sha256,"
                    + " source_topic, source_partition, source_offset, message_key, payload,"
                    + " event_id, event_type, reason, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, UUID.randomUUID().toString());
      s.setInt(2, arrival.dlqPartition());
      s.setLong(3, arrival.dlqOffset());
      s.setString(4, Sha256.hex(arrival.payload()));
      s.setString(5, clean(arrival.sourceTopic(), 256));
      s.setObject(6, arrival.sourcePartition());
      s.setObject(7, arrival.sourceOffset());
      s.setString(8, clean(arrival.key(), 256));
      s.setBytes(9, arrival.payload());
      s.setString(10, event.map(e -> clean(e.id(), 256)).orElse(null));
      s.setString(11, event.map(e -> clean(e.type(), 256)).orElse(null));
      s.setString(12, clean(arrival.reason(), MAX_REASON));
      s.setTimestamp(13, Timestamp.from(clock.instant()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot keep a dead letter", e);
    }
  }

  /** Dead letters, latest first. */
  @Transactional
  public List<DeadLetter> list(int limit, int offset) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM gort_dead_letter ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?")) {
      s.setInt(1, limit);
      s.setInt(2, offset);
      List<DeadLetter> found = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(view(rs));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the dead letters", e);
    }
  }

  /**
   * Publishes the dead letter {@code id} again on the topic it came from, in the transaction that
   * records the replay. Consumers that processed the event already drop it by its id; this
   * service's consumer, which could not, takes it again.
   *
   * @return empty when there is no such dead letter
   * @throws ProblemException 409 for a payload that is not a Gort event (it would only be
   *     dead-lettered again) or whose source topic is unknown
   */
  @Transactional
  public Optional<DeadLetter> replay(String id) {
    try (Connection c = dataSource.getConnection()) {
      byte[] payload;
      String topic;
      String key;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT payload, source_topic, message_key FROM gort_dead_letter WHERE id = ?"
                  + " FOR UPDATE")) {
        s.setString(1, id);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          payload = rs.getBytes(1);
          topic = rs.getString(2);
          key = rs.getString(3);
        }
      }
      Optional<Envelope> event = decode(payload);
      if (event.isEmpty()) {
        throw ProblemException.conflict(
            "dead letter '" + id + "' is not a Gort event and can never be processed; not replayed",
            java.util.Map.of("deadLetter", id));
      }
      // only to Gort's own topics: the header naming the topic came with the record
      if (topic == null || !Topics.ALL.contains(topic)) {
        throw ProblemException.conflict(
            "dead letter '" + id + "' does not come from one of Gort's topics; not replayed",
            java.util.Map.of("deadLetter", id));
      }
      Instant now = clock.instant();
      outbox.addRaw(
          "replay-" + id + "-" + UUID.randomUUID(),
          topic,
          key == null ? event.get().subject() : key,
          new String(payload, StandardCharsets.UTF_8));
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE gort_dead_letter SET replayed_at = ?, replays = replays + 1 WHERE id = ?")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setString(2, id);
        s.executeUpdate();
      }
      return find(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot replay dead letter " + id, e);
    }
  }

  private Optional<DeadLetter> find(Connection c, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM gort_dead_letter WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  private static DeadLetter view(ResultSet rs) throws SQLException {
    byte[] payload = rs.getBytes("payload");
    String text = new String(payload, StandardCharsets.UTF_8);
    Timestamp replayed = rs.getTimestamp("replayed_at");
    return new DeadLetter(
        rs.getString("id"),
        rs.getString("source_topic"),
        (Integer) rs.getObject("source_partition"),
        (Long) rs.getObject("source_offset"),
        rs.getString("message_key"),
        rs.getString("event_id"),
        rs.getString("event_type"),
        rs.getString("reason"),
        text.length() > SHOWN_PAYLOAD ? text.substring(0, SHOWN_PAYLOAD) : text,
        payload.length,
        rs.getTimestamp("received_at").toInstant(),
        replayed == null ? null : replayed.toInstant(),
        rs.getInt("replays"));
  }

  private static Optional<Envelope> decode(byte[] payload) {
    try {
      return Optional.of(EnvelopeCodec.decode(new String(payload, StandardCharsets.UTF_8)));
    } catch (MalformedEventException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Text from a header, safe for a TEXT column (no NUL) and bounded. */
  private static String clean(String value, int max) {
    if (value == null) {
      return null;
    }
    String noNul = value.replace('\0', '\uFFFD');
    return noNul.length() > max ? noNul.substring(0, max) : noNul;
  }
}
