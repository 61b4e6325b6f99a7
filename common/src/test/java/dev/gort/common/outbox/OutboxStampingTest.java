package dev.gort.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.causality.Participant;
import dev.gort.common.causality.Stamp;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event a service emits through the outbox carries the service's stamp for its subject. */
class OutboxStampingTest {

  private static final String TOPIC = "gort.test.stamping";

  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.withOutboxAndInbox("outbox_stamping");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void anUnstampedEnvelopeIsStampedWithTheNextStampOfItsSubject() {
    String run = newRun();
    Envelope first = requested(run);
    Envelope second = requested(run);

    try (TestDatabase.Transaction tx = db.begin()) {
      Outbox outbox = stampingOutbox(tx);
      outbox.add(TOPIC, first);
      outbox.add(TOPIC, second);
      tx.commit();
    }

    Envelope firstSent = sent(first.id());
    Envelope secondSent = sent(second.id());
    assertThat(firstSent.clock()).isNotNull();
    assertThat(firstSent.withClock(null)).as("nothing else changes").isEqualTo(first);
    Stamp firstStamp = Stamp.decode(firstSent.clock());
    Stamp secondStamp = Stamp.decode(secondSent.clock());
    assertThat(firstStamp).isEqualTo(Participant.SCHEDULER_SERVICE.seed().event().peek());
    assertThat(firstStamp.happenedBefore(secondStamp)).isTrue();
  }

  @Test
  void anEventCausedByOneReceivedIsStampedAfterIt() {
    String run = newRun();
    String received = Participant.RUNNER_GATEWAY.seed().event().peek().encode();
    Envelope reply = requested(run);

    try (TestDatabase.Transaction tx = db.begin()) {
      new CausalClock(tx.dataSource(), Participant.SCHEDULER_SERVICE).receive(run, received);
      stampingOutbox(tx).add(TOPIC, reply);
      tx.commit();
    }

    assertThat(Stamp.decode(received).happenedBefore(Stamp.decode(sent(reply.id()).clock())))
        .isTrue();
  }

  @Test
  void anEnvelopeThatAlreadyHasAStampKeepsIt() {
    String run = newRun();
    Envelope stamped = requested(run).withClock("(0,(0,1,0))");

    try (TestDatabase.Transaction tx = db.begin()) {
      stampingOutbox(tx).add(TOPIC, stamped);
      tx.commit();
    }

    assertThat(sent(stamped.id())).isEqualTo(stamped);
    assertThat(db.count("SELECT count(*) FROM gort_causal_clock WHERE subject = ?", run)).isZero();
  }

  @Test
  void aRolledBackEventTakesItsStampWithIt() {
    String run = newRun();
    Envelope rolledBack = requested(run);
    Envelope committed = requested(run);

    try (TestDatabase.Transaction tx = db.begin()) {
      stampingOutbox(tx).add(TOPIC, rolledBack);
      tx.rollback();
    }
    try (TestDatabase.Transaction tx = db.begin()) {
      stampingOutbox(tx).add(TOPIC, committed);
      tx.commit();
    }

    assertThat(db.count("SELECT count(*) FROM gort_outbox WHERE event_id = ?", rolledBack.id()))
        .isZero();
    assertThat(Stamp.decode(sent(committed.id()).clock()))
        .as("the first stamp of the run, as if the rolled back event never was")
        .isEqualTo(Participant.SCHEDULER_SERVICE.seed().event().peek());
  }

  @Test
  void anOutboxWithoutAClockAddsEnvelopesAsTheyAre() {
    Envelope unstamped = requested(newRun());

    new Outbox(db.dataSource()).add(TOPIC, unstamped);

    assertThat(sent(unstamped.id())).isEqualTo(unstamped);
    assertThat(sent(unstamped.id()).clock()).isNull();
  }

  private static Outbox stampingOutbox(TestDatabase.Transaction tx) {
    return new Outbox(
        tx.dataSource(), new CausalClock(tx.dataSource(), Participant.SCHEDULER_SERVICE));
  }

  private static Envelope sent(String eventId) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT payload FROM gort_outbox WHERE event_id = ?")) {
      s.setString(1, eventId);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("event %s in the outbox", eventId).isTrue();
        return EnvelopeCodec.decode(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newRun() {
    return "run-" + UUID.randomUUID();
  }

  private static Envelope requested(String runId) {
    return Envelope.of(
        "/gort/scheduler-service",
        new RunRequested(runId, "exp", "rev-1", "owner", "owner@example.org", "sim", 3),
        Instant.parse("2026-01-02T03:04:05Z"));
  }
}
