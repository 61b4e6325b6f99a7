package dev.gort.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inbox against a real PostgreSQL database. */
class InboxTest {

  private static TestDatabase db;
  private static Inbox inbox;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.withOutboxAndInbox("inbox");
    inbox = new Inbox(db.dataSource());
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void firstDeliveryIsRecognisedAndRedeliveryIsNot() {
    String eventId = UUID.randomUUID().toString();

    assertThat(inbox.alreadyProcessed("scheduler.status", eventId)).isFalse();
    assertThat(inbox.firstDelivery("scheduler.status", eventId)).isTrue();
    assertThat(inbox.alreadyProcessed("scheduler.status", eventId)).isTrue();
    assertThat(inbox.firstDelivery("scheduler.status", eventId)).isFalse();
    assertThat(inbox.firstDelivery("scheduler.status", eventId)).isFalse();
  }

  @Test
  void consumersAreIndependentOfEachOther() {
    String eventId = UUID.randomUUID().toString();

    assertThat(inbox.firstDelivery("results-worker.completed", eventId)).isTrue();

    assertThat(inbox.alreadyProcessed("scheduler.status", eventId)).isFalse();
    assertThat(inbox.firstDelivery("scheduler.status", eventId)).isTrue();
    assertThat(inbox.firstDelivery("results-worker.completed", eventId)).isFalse();
    assertThat(inbox.firstDelivery("scheduler.status", eventId)).isFalse();
  }

  @Test
  void differentEventsOfOneConsumerAreEachFirstOnce() {
    String one = UUID.randomUUID().toString();
    String two = UUID.randomUUID().toString();

    assertThat(inbox.firstDelivery("notifier.finished", one)).isTrue();
    assertThat(inbox.firstDelivery("notifier.finished", two)).isTrue();
  }

  @Test
  void rolledBackFirstDeliveryLeavesTheNextDeliveryFirst() {
    String eventId = UUID.randomUUID().toString();

    try (TestDatabase.Transaction tx = db.begin()) {
      Inbox inTransaction = new Inbox(tx.dataSource());
      assertThat(inTransaction.firstDelivery("gateway.requests", eventId)).isTrue();
      assertThat(inTransaction.firstDelivery("gateway.requests", eventId))
          .as("a redelivery inside the same transaction")
          .isFalse();
      tx.rollback();
    }

    assertThat(inbox.alreadyProcessed("gateway.requests", eventId)).isFalse();
    assertThat(inbox.firstDelivery("gateway.requests", eventId)).isTrue();
    assertThat(inbox.firstDelivery("gateway.requests", eventId)).isFalse();
  }

  @Test
  void committedFirstDeliveryIsSeenByOthers() {
    String eventId = UUID.randomUUID().toString();

    try (TestDatabase.Transaction tx = db.begin()) {
      assertThat(new Inbox(tx.dataSource()).firstDelivery("gateway.requests", eventId)).isTrue();
      assertThat(inbox.alreadyProcessed("gateway.requests", eventId))
          .as("not yet committed")
          .isFalse();
      tx.commit();
    }

    assertThat(inbox.firstDelivery("gateway.requests", eventId)).isFalse();
  }
}
