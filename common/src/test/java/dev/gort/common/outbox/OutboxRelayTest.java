package dev.gort.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.testing.TestDatabase;
import dev.gort.testsupport.KafkaTestClient;
import dev.gort.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox relay against a real PostgreSQL database and the real in-JVM Kafka broker. */
class OutboxRelayTest {

  private static final String UNPUBLISHED =
      "SELECT count(*) FROM gort_outbox WHERE published_at IS NULL";

  private static TestDatabase db;
  private static String bootstrap;

  private String topic;
  private KafkaEventPublisher kafka;

  @BeforeAll
  static void startInfrastructure() {
    db = TestDatabase.withOutboxAndInbox("outbox");
    bootstrap = TestInfrastructure.kafkaBootstrapServers();
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void emptyOutboxAndFreshTopic() {
    db.execute("DELETE FROM gort_outbox");
    topic = "gort.test.outbox." + UUID.randomUUID();
    KafkaTestClient.createTopic(bootstrap, topic, 3);
    kafka = new KafkaEventPublisher(bootstrap, "outbox-relay-test", Duration.ofSeconds(10));
  }

  @AfterEach
  void closePublisher() {
    kafka.close();
  }

  @Test
  void rowsOfARolledBackTransactionAreNeverPublished() throws Exception {
    Envelope rolledBack = requested("run-a");
    Envelope committed = requested("run-b");
    OutboxRelay relay = new OutboxRelay(db.dataSource(), kafka, 10);

    try (TestDatabase.Transaction tx = db.begin()) {
      new Outbox(tx.dataSource()).add(topic, rolledBack);
      assertThat(relay.drain()).as("an uncommitted row is not the relay's to publish").isZero();
      tx.rollback();
    }
    try (TestDatabase.Transaction tx = db.begin()) {
      new Outbox(tx.dataSource()).add(topic, committed);
      tx.commit();
    }

    assertThat(relay.drain()).isEqualTo(1);
    assertThat(eventIds(KafkaTestClient.readAll(bootstrap, topic))).containsExactly(committed.id());
    assertThat(db.count("SELECT count(*) FROM gort_outbox WHERE event_id = ?", rolledBack.id()))
        .isZero();
  }

  @Test
  void committedRowsArePublishedInOrderKeyedBySubjectAndMarkedPublished() throws Exception {
    List<Envelope> added =
        List.of(
            requested("run-a"),
            requested("run-b"),
            dispatched("run-a"),
            dispatched("run-b"),
            completed("run-a"));
    try (TestDatabase.Transaction tx = db.begin()) {
      Outbox outbox = new Outbox(tx.dataSource());
      added.forEach(e -> outbox.add(topic, e));
      tx.commit();
    }

    // a batch smaller than the outbox: order must hold across batches too
    int published = new OutboxRelay(db.dataSource(), kafka, 2).drain();

    assertThat(published).isEqualTo(5);
    List<ConsumerRecord<String, String>> records = KafkaTestClient.readAll(bootstrap, topic);
    assertThat(records).hasSize(5);
    for (ConsumerRecord<String, String> r : records) {
      Envelope e = EnvelopeCodec.decode(r.value());
      assertThat(r.key()).isEqualTo(e.subject()).isEqualTo(e.data().subject());
    }
    // one run's events share a key, hence a partition, where the log keeps them in order
    Map<String, List<String>> publishedByRun =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.mapping(r -> EnvelopeCodec.decode(r.value()).id(), toList())));
    Map<String, List<String>> addedByRun =
        added.stream()
            .collect(
                Collectors.groupingBy(
                    Envelope::subject, Collectors.mapping(Envelope::id, toList())));
    assertThat(publishedByRun).isEqualTo(addedByRun);
    assertThat(db.count(UNPUBLISHED)).isZero();
    assertThat(db.count("SELECT count(*) FROM gort_outbox WHERE published_at IS NOT NULL"))
        .isEqualTo(5);
    assertThat(new OutboxRelay(db.dataSource(), kafka, 2).drain())
        .as("nothing is published twice")
        .isZero();
  }

  @Test
  void crashAfterPublishingBeforeMarkingRepublishesOnNextRelay() throws Exception {
    List<Envelope> added = List.of(requested("run-a"), requested("run-b"), dispatched("run-a"));
    commit(added);
    OutboxRelay crashing = new OutboxRelay(db.dataSource(), new CrashAfterPublishing(kafka), 10);

    assertThatThrownBy(crashing::relayOnce).hasMessageContaining("crashed after publishing");

    assertThat(eventIds(KafkaTestClient.readAll(bootstrap, topic)))
        .as("the broker has the events")
        .containsExactlyInAnyOrderElementsOf(ids(added));
    assertThat(db.count(UNPUBLISHED)).as("but the rows were never marked").isEqualTo(3);

    try (KafkaEventPublisher restarted =
        new KafkaEventPublisher(bootstrap, "outbox-relay-test-restarted", Duration.ofSeconds(10))) {
      assertThat(new OutboxRelay(db.dataSource(), restarted, 10).drain()).isEqualTo(3);
    }

    List<String> onKafka = eventIds(KafkaTestClient.readAll(bootstrap, topic));
    assertThat(onKafka).hasSize(6).containsAll(ids(added));
    assertThat(onKafka.stream().distinct()).containsExactlyInAnyOrderElementsOf(ids(added));
    assertThat(db.count(UNPUBLISHED)).isZero();
  }

  @Test
  void publisherDownMarksNothingLosesNothingAndLaterRelayPublishes() throws Exception {
    List<Envelope> added = List.of(requested("run-a"), dispatched("run-a"), completed("run-a"));
    commit(added);

    try (KafkaEventPublisher down =
        new KafkaEventPublisher(
            "127.0.0.1:" + closedPort(), "outbox-relay-test-down", Duration.ofSeconds(1))) {
      OutboxRelay relay = new OutboxRelay(db.dataSource(), down, 10);
      assertThatThrownBy(relay::relayOnce).isInstanceOf(Exception.class);
    }

    assertThat(db.count(UNPUBLISHED)).isEqualTo(3);
    assertThat(KafkaTestClient.readAll(bootstrap, topic)).isEmpty();

    assertThat(new OutboxRelay(db.dataSource(), kafka, 10).drain()).isEqualTo(3);
    assertThat(eventIds(KafkaTestClient.readAll(bootstrap, topic)))
        .containsExactlyElementsOf(ids(added));
    assertThat(db.count(UNPUBLISHED)).isZero();
  }

  @Test
  void relaysSideBySideNeverPublishTheSameRowTwice() throws Exception {
    List<Envelope> added =
        List.of(requested("run-a"), requested("run-b"), requested("run-c"), requested("run-d"));
    commit(added);
    CountDownLatch firstBatchLocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EventPublisher held =
        batch -> {
          firstBatchLocked.countDown();
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
          kafka.publish(batch);
        };
    OutboxRelay first = new OutboxRelay(db.dataSource(), held, 2);
    OutboxRelay second = new OutboxRelay(db.dataSource(), kafka, 2);

    CompletableFuture<Integer> firstDone =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return first.relayOnce();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(firstBatchLocked.await(30, TimeUnit.SECONDS)).isTrue();
    int bySecond = second.drain();
    release.countDown();
    int byFirst = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> firstDone.get());

    assertThat(byFirst).isEqualTo(2);
    assertThat(bySecond).isEqualTo(2);
    assertThat(eventIds(KafkaTestClient.readAll(bootstrap, topic)))
        .containsExactlyInAnyOrderElementsOf(ids(added));
    assertThat(db.count(UNPUBLISHED)).isZero();
  }

  /** Publishes to the real broker, then dies before the relay can mark the rows. */
  private record CrashAfterPublishing(EventPublisher delegate) implements EventPublisher {
    @Override
    public void publish(List<Message> batch) throws Exception {
      delegate.publish(batch);
      throw new IllegalStateException("crashed after publishing " + batch.size());
    }
  }

  private void commit(List<Envelope> events) {
    try (TestDatabase.Transaction tx = db.begin()) {
      Outbox outbox = new Outbox(tx.dataSource());
      events.forEach(e -> outbox.add(topic, e));
      tx.commit();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<String> eventIds(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> EnvelopeCodec.decode(r.value()).id()).toList();
  }

  private static List<String> ids(List<Envelope> envelopes) {
    return envelopes.stream().map(Envelope::id).toList();
  }

  private static <T> java.util.stream.Collector<T, ?, List<T>> toList() {
    return Collectors.toCollection(ArrayList::new);
  }

  private static Envelope requested(String runId) {
    return Envelope.of(
        "/gort/test",
        new RunRequested(runId, "exp", "rev-1", "owner", "owner@example.org", "sim", 3),
        Instant.now());
  }

  private static Envelope dispatched(String runId) {
    return Envelope.of(
        "/gort/test",
        new RunDispatched(runId, 1, "sim", "job-1", Instant.now().plusSeconds(60)),
        Instant.now());
  }

  private static Envelope completed(String runId) {
    return Envelope.of(
        "/gort/test",
        new RunCompleted(
            runId, 1, "sim", "job-1", RunnerStatus.PASSED, "http://x/r", "exp-a", "alice"),
        Instant.now());
  }
}
