package dev.gort.common.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gort.common.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The causal clock against real PostgreSQL databases, one per participant as in production. */
class CausalClockTest {

  private static TestDatabase schedulerDb;
  private static TestDatabase gatewayDb;
  private static CausalClock scheduler;
  private static CausalClock gateway;

  @BeforeAll
  static void createDatabases() {
    schedulerDb = TestDatabase.withOutboxAndInbox("clock_scheduler");
    gatewayDb = TestDatabase.withOutboxAndInbox("clock_gateway");
    scheduler = new CausalClock(schedulerDb.dataSource(), "scheduler-service");
    gateway = new CausalClock(gatewayDb.dataSource(), Participant.RUNNER_GATEWAY);
  }

  @AfterAll
  static void dropDatabases() {
    schedulerDb.close();
    gatewayDb.close();
  }

  @Test
  void theParticipantComesFromTheApplicationName() {
    assertThat(scheduler.participant()).isEqualTo(Participant.SCHEDULER_SERVICE);
    assertThatThrownBy(() -> new CausalClock(schedulerDb.dataSource(), "gort-simulators"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextStartsFromTheOwnSeedAndAdvancesEveryTime() {
    String run = newRun();

    Stamp first = Stamp.decode(scheduler.next(run));
    Stamp second = Stamp.decode(scheduler.next(run));
    Stamp third = Stamp.decode(scheduler.next(run));

    assertThat(first.isAnonymous()).as("stamps travel without the id").isTrue();
    assertThat(first).isEqualTo(Participant.SCHEDULER_SERVICE.seed().event().peek());
    assertThat(first.happenedBefore(second)).isTrue();
    assertThat(second.happenedBefore(third)).isTrue();
    Stamp stored = stored(schedulerDb, run);
    assertThat(stored.id()).isEqualTo(Participant.SCHEDULER_SERVICE.id());
    assertThat(stored.compare(third)).isEqualTo(Causality.EQUAL);
  }

  @Test
  void subjectsHaveClocksOfTheirOwn() {
    String one = newRun();
    String other = newRun();

    scheduler.next(one);
    scheduler.next(one);

    assertThat(Stamp.decode(scheduler.next(other)))
        .isEqualTo(Participant.SCHEDULER_SERVICE.seed().event().peek());
  }

  @Test
  void aStampNotSeenYetIsNewAndTheSameStampAgainIsStale() {
    String run = newRun();
    String sent = gateway.next(run);

    assertThat(scheduler.receive(run, sent)).isEqualTo(Admission.NEW);
    assertThat(Stamp.decode(sent).leq(stored(schedulerDb, run))).isTrue();
    assertThat(stored(schedulerDb, run).id()).isEqualTo(Participant.SCHEDULER_SERVICE.id());

    assertThat(scheduler.receive(run, sent)).isEqualTo(Admission.STALE);
  }

  @Test
  void checkTellsWithoutJoiningAndJoinRecordsTheAppliedStamp() {
    String run = newRun();
    String first = gateway.next(run);
    String second = gateway.next(run);
    scheduler.next(run);
    String before = storedText(schedulerDb, run);

    assertThat(scheduler.check(run, second)).isEqualTo(Admission.NEW);
    assertThat(storedText(schedulerDb, run)).isEqualTo(before);
    // the second was not joined, so the first is not stale yet
    assertThat(scheduler.check(run, first)).isEqualTo(Admission.NEW);

    scheduler.join(run, second);

    assertThat(scheduler.check(run, first)).isEqualTo(Admission.STALE);
    assertThat(scheduler.check(run, second)).isEqualTo(Admission.STALE);
    assertThat(scheduler.check(run, null)).isEqualTo(Admission.UNSTAMPED);
  }

  @Test
  void anUnstampedEventIsUnstampedAndChangesNothing() {
    String run = newRun();

    assertThat(scheduler.receive(run, null)).isEqualTo(Admission.UNSTAMPED);
    assertThat(scheduler.receive(run, "")).isEqualTo(Admission.UNSTAMPED);
    assertThat(scheduler.receive(run, "  ")).isEqualTo(Admission.UNSTAMPED);

    assertThat(rows(schedulerDb, run)).isZero();
  }

  @Test
  void aMalformedStampIsRejectedAndChangesNothing() {
    String run = newRun();
    scheduler.next(run);
    String before = storedText(schedulerDb, run);

    assertThatThrownBy(() -> scheduler.receive(run, "(1,(0,0,0))"))
        .isInstanceOf(MalformedStampException.class)
        .hasMessageContaining("at position 3");
    assertThatThrownBy(() -> scheduler.receive(run, "run-42"))
        .isInstanceOf(MalformedStampException.class);

    assertThat(storedText(schedulerDb, run)).isEqualTo(before);
  }

  @Test
  void twoParticipantsExchangingStampsSeeEachOthersEventsInOrder() {
    String run = newRun();

    // the scheduler requests, the gateway applies it and answers
    String requested = scheduler.next(run);
    assertThat(gateway.receive(run, requested)).isEqualTo(Admission.NEW);
    String dispatched = gateway.next(run);
    assertThat(Stamp.decode(requested).happenedBefore(Stamp.decode(dispatched))).isTrue();
    assertThat(scheduler.receive(run, dispatched)).isEqualTo(Admission.NEW);
    assertThat(scheduler.receive(run, requested))
        .as("its own earlier event, echoed back")
        .isEqualTo(Admission.STALE);

    // then both emit without hearing from each other: concurrent, and each new to the other
    String cancelled = scheduler.next(run);
    String completed = gateway.next(run);
    assertThat(Stamp.decode(dispatched).happenedBefore(Stamp.decode(cancelled))).isTrue();
    assertThat(Stamp.decode(cancelled).concurrentWith(Stamp.decode(completed))).isTrue();
    assertThat(gateway.receive(run, cancelled)).isEqualTo(Admission.NEW);
    assertThat(scheduler.receive(run, completed)).isEqualTo(Admission.NEW);

    // having seen everything, each is after everything either emitted
    Stamp last = Stamp.decode(scheduler.next(run));
    for (String earlier : new String[] {requested, dispatched, cancelled, completed}) {
      assertThat(Stamp.decode(earlier).happenedBefore(last)).isTrue();
    }
    assertThat(gateway.receive(run, completed)).isEqualTo(Admission.STALE);
    assertThat(stored(gatewayDb, run).id()).isEqualTo(Participant.RUNNER_GATEWAY.id());
  }

  @Test
  void aStampFromBeforeOneAlreadySeenIsStale() {
    String run = newRun();
    String dispatched = gateway.next(run);
    String completed = gateway.next(run);

    // the later event overtakes the earlier one on the way
    assertThat(scheduler.receive(run, completed)).isEqualTo(Admission.NEW);
    assertThat(scheduler.receive(run, dispatched)).isEqualTo(Admission.STALE);
    assertThat(scheduler.receive(run, Participant.RUNNER_GATEWAY.seed().peek().encode()))
        .as("a stamp that saw nothing")
        .isEqualTo(Admission.STALE);
  }

  @Test
  void aStampThatArrivesWithAnIdDoesNotHandTheIdOver() {
    String run = newRun();
    Stamp withId = Participant.RUNNER_GATEWAY.seed().event();

    assertThat(scheduler.receive(run, withId.encode())).isEqualTo(Admission.NEW);

    assertThat(stored(schedulerDb, run).id()).isEqualTo(Participant.SCHEDULER_SERVICE.id());
    assertThat(withId.leq(stored(schedulerDb, run))).isTrue();
  }

  @Test
  void aRolledBackTransactionLeavesTheStampAsItWas() {
    String run = newRun();
    String earlier = scheduler.next(run);
    String before = storedText(schedulerDb, run);
    String sent = gateway.next(run);

    try (TestDatabase.Transaction tx = schedulerDb.begin()) {
      CausalClock inTransaction = new CausalClock(tx.dataSource(), Participant.SCHEDULER_SERVICE);
      assertThat(inTransaction.receive(run, sent)).isEqualTo(Admission.NEW);
      assertThat(inTransaction.receive(run, sent))
          .as("a redelivery inside the same transaction")
          .isEqualTo(Admission.STALE);
      inTransaction.next(run);
      tx.rollback();
    }

    assertThat(storedText(schedulerDb, run)).isEqualTo(before);
    assertThat(scheduler.receive(run, sent)).isEqualTo(Admission.NEW);
    Stamp next = Stamp.decode(scheduler.next(run));
    assertThat(Stamp.decode(earlier).happenedBefore(next)).isTrue();
  }

  @Test
  void aCommittedTransactionIsSeenByTheNextOne() {
    String run = newRun();
    String sent = gateway.next(run);

    try (TestDatabase.Transaction tx = schedulerDb.begin()) {
      assertThat(new CausalClock(tx.dataSource(), Participant.SCHEDULER_SERVICE).receive(run, sent))
          .isEqualTo(Admission.NEW);
      tx.commit();
    }

    assertThat(scheduler.receive(run, sent)).isEqualTo(Admission.STALE);
  }

  @Test
  void replicasTakeTurnsPerSubject() throws Exception {
    String run = newRun();
    scheduler.next(run);

    try (TestDatabase.Transaction first = schedulerDb.begin();
        TestDatabase.Transaction second = schedulerDb.begin()) {
      String byFirst = new CausalClock(first.dataSource(), Participant.SCHEDULER_SERVICE).next(run);
      CompletableFuture<String> bySecond =
          CompletableFuture.supplyAsync(
              () -> new CausalClock(second.dataSource(), Participant.SCHEDULER_SERVICE).next(run));
      awaitOneWaitingForALock();
      assertThat(bySecond).isNotDone();

      first.commit();
      String afterFirst = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> bySecond.get());
      second.commit();

      assertThat(Stamp.decode(byFirst).happenedBefore(Stamp.decode(afterFirst))).isTrue();
    }
  }

  private static void awaitOneWaitingForALock() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (schedulerDb.count(
            "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the second transaction never waited for the row");
      }
      Thread.sleep(20);
    }
  }

  private static String newRun() {
    return "run-" + UUID.randomUUID();
  }

  private static long rows(TestDatabase db, String subject) {
    return db.count("SELECT count(*) FROM gort_causal_clock WHERE subject = ?", subject);
  }

  private static Stamp stored(TestDatabase db, String subject) {
    return Stamp.decode(storedText(db, subject));
  }

  private static String storedText(TestDatabase db, String subject) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT stamp FROM gort_causal_clock WHERE subject = ?")) {
      s.setString(1, subject);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a stamp for %s", subject).isTrue();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
