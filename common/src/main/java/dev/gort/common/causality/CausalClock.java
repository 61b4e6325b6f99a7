package dev.gort.common.causality;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's interval tree clock, one stamp per subject (a run id) in {@code
 * gort_causal_clock}: it stamps the events the service emits about a subject ({@link #next}) and
 * tells an event not yet seen from one that is stale ({@link #receive}).
 *
 * <p>Both lock the subject's row until the caller's transaction ends, so call them inside the
 * transaction of the event's effect (under JTA the connection enlists, as for the outbox and the
 * inbox): the stamp changes exactly when the effect commits, and replicas of the service take turns
 * per subject, which makes a service one ITC participant (see {@link Participant}). Called outside
 * a transaction, each call runs in one of its own.
 *
 * <p>Stamps travel anonymous ({@link Stamp#peek()}): the id of a service stays in its own database.
 */
@Singleton
public class CausalClock {

  private final DataSource dataSource;
  private final Participant participant;

  @Inject
  public CausalClock(
      DataSource dataSource,
      @ConfigProperty(name = "quarkus.application.name") String applicationName) {
    this(dataSource, Participant.named(applicationName));
  }

  public CausalClock(DataSource dataSource, Participant participant) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.participant = Objects.requireNonNull(participant);
  }

  public Participant participant() {
    return participant;
  }

  /**
   * Admits the stamp of an incoming event about {@code subject}: {@link Admission#NEW} joins it
   * into the subject's stamp; {@link Admission#STALE} (already seen, or happened before something
   * seen) and {@link Admission#UNSTAMPED} (null or blank) change nothing.
   *
   * @throws MalformedStampException when {@code encodedStamp} is not a stamp; nothing changes
   */
  public Admission receive(String subject, String encodedStamp) {
    Objects.requireNonNull(subject);
    if (encodedStamp == null || encodedStamp.isBlank()) {
      return Admission.UNSTAMPED;
    }
    // only the events: a stamp that arrives with an id does not hand that id over
    Stamp incoming = Stamp.decode(encodedStamp).peek();
    return inTransaction(
        c -> {
          Stamp stored = lock(c, subject);
          if (incoming.leq(stored)) {
            return Admission.STALE;
          }
          store(c, subject, stored.join(incoming));
          return Admission.NEW;
        });
  }

  /**
   * What {@link #receive} would answer, without joining anything: for a consumer that joins an
   * event's stamp only once the event is applied ({@link #join}), so that an event it refused does
   * not make the events before it look stale.
   *
   * @throws MalformedStampException when {@code encodedStamp} is not a stamp
   */
  public Admission check(String subject, String encodedStamp) {
    Objects.requireNonNull(subject);
    if (encodedStamp == null || encodedStamp.isBlank()) {
      return Admission.UNSTAMPED;
    }
    Stamp incoming = Stamp.decode(encodedStamp).peek();
    return inTransaction(c -> incoming.leq(lock(c, subject)) ? Admission.STALE : Admission.NEW);
  }

  /** Joins the stamp of an applied event into the subject's; null or blank changes nothing. */
  public void join(String subject, String encodedStamp) {
    receive(subject, encodedStamp);
  }

  /**
   * Registers an event this service emits about {@code subject} and returns its stamp, encoded and
   * anonymous: after everything the service emitted or admitted about the subject so far.
   */
  public String next(String subject) {
    Objects.requireNonNull(subject);
    return inTransaction(
        c -> {
          Stamp next = lock(c, subject).event();
          store(c, subject, next);
          return next.peek().encode();
        });
  }

  private Stamp lock(Connection c, String subject) throws SQLException {
    // one round trip: creates the subject's row if it is new, and locks and reads it either way
    String encoded;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO gort_causal_clock (subject, stamp) VALUES (?, ?)"
                + " ON CONFLICT (subject) DO UPDATE SET stamp = gort_causal_clock.stamp"
                + " RETURNING stamp")) {
      s.setString(1, subject);
      s.setString(2, participant.seed().encode());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        encoded = rs.getString(1);
      }
    }
    Stamp stored;
    try {
      stored = Stamp.decode(encoded);
    } catch (MalformedStampException e) {
      throw new IllegalStateException("the stored stamp of " + subject + " is corrupt", e);
    }
    if (!stored.id().equals(participant.id())) {
      throw new IllegalStateException(
          "the stored stamp of "
              + subject
              + " has id "
              + stored.id()
              + ", not the id "
              + participant.id()
              + " of "
              + participant.applicationName());
    }
    return stored;
  }

  private static void store(Connection c, String subject, Stamp stamp) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE gort_causal_clock SET stamp = ?, updated_at = now() WHERE subject = ?")) {
      s.setString(1, stamp.encode());
      s.setString(2, subject);
      s.executeUpdate();
    }
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        return work.run(c);
      }
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot use the causal clock", e);
    }
  }
}
