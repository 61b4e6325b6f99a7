package dev.gort.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process broker ({@link KafkaBrokerMain}) keeps its cluster in its data directory; the in-JVM
 * test broker stays scratch.
 */
class KafkaBrokerPersistenceTest {

  private static final String TOPIC = "gort.test.kept";
  private static final String GROUP = "gort-test-group";
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void restartOnTheSameDirectoryKeepsTopicsMessagesAndCommittedOffsets() throws Exception {
    Path data = dir.resolve("kafka");
    int port = BrokerProcess.freePort();
    String clusterId;
    try (BrokerProcess broker = BrokerProcess.start(port, data, dir.resolve("first.log"))) {
      clusterId = clusterId(broker.bootstrapServers());
      createTopic(broker.bootstrapServers(), TOPIC);
      produce(broker.bootstrapServers(), TOPIC, "run-1", "requested");
      List<ConsumerRecord<String, String>> read = consume(broker.bootstrapServers(), GROUP, 1);
      assertThat(read).extracting(ConsumerRecord::value).containsExactly("requested");
      assertThat(broker.stop()).isLessThan(Duration.ofSeconds(5));
    }

    try (BrokerProcess broker = BrokerProcess.start(port, data, dir.resolve("second.log"))) {
      String bootstrap = broker.bootstrapServers();
      assertThat(clusterId(bootstrap)).isEqualTo(clusterId);
      assertThat(topics(bootstrap)).contains(TOPIC);
      Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(bootstrap, GROUP);
      assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
          .as("offsets committed before the restart, over all partitions")
          .isEqualTo(1);
      assertThat(consume(bootstrap, "gort-test-reader", 1))
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactly(tuple("run-1", "requested"));
      produce(bootstrap, TOPIC, "run-2", "requested");
      assertThat(consume(bootstrap, GROUP, 1))
          .as("the group resumes after its committed offset: no redelivery")
          .extracting(ConsumerRecord::key)
          .containsExactly("run-2");
      assertThat(broker.stop()).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void restartAfterAKillKeepsWhatWasAcknowledged() throws Exception {
    Path data = dir.resolve("kafka");
    int port = BrokerProcess.freePort();
    try (BrokerProcess broker = BrokerProcess.start(port, data, dir.resolve("first.log"))) {
      createTopic(broker.bootstrapServers(), TOPIC);
      produce(broker.bootstrapServers(), TOPIC, "run-1", "requested");
      consume(broker.bootstrapServers(), GROUP, 1);
    } // close() is a kill -9: no shutdown hook, no flush

    try (BrokerProcess broker = BrokerProcess.start(port, data, dir.resolve("second.log"))) {
      String bootstrap = broker.bootstrapServers();
      assertThat(consume(bootstrap, "gort-test-reader", 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("requested");
      assertThat(committedOffsets(bootstrap, GROUP).values())
          .extracting(OffsetAndMetadata::offset)
          .contains(1L);
      broker.stop();
    }
  }

  @Test
  void emptiedDirectoryStartsAFreshCluster() throws Exception {
    Path data = dir.resolve("kafka");
    int port = BrokerProcess.freePort();
    String clusterId;
    try (BrokerProcess broker = BrokerProcess.start(port, data, dir.resolve("first.log"))) {
      clusterId = clusterId(broker.bootstrapServers());
      createTopic(broker.bootstrapServers(), TOPIC);
      produce(broker.bootstrapServers(), TOPIC, "run-1", "requested");
      consume(broker.bootstrapServers(), GROUP, 1);
      assertThat(groups(broker.bootstrapServers())).contains(GROUP);
      broker.stop();
    }
    deleteContents(data);

    try (BrokerProcess broker = BrokerProcess.start(port, data, dir.resolve("second.log"))) {
      String bootstrap = broker.bootstrapServers();
      assertThat(clusterId(bootstrap)).isNotEqualTo(clusterId);
      assertThat(topics(bootstrap)).doesNotContain(TOPIC);
      assertThat(groups(bootstrap)).doesNotContain(GROUP);
      broker.stop();
    }
  }

  @Test
  void missingDirectoryIsFormattedAsANewCluster() throws Exception {
    Path data = dir.resolve("not/there/yet");
    try (BrokerProcess broker =
        BrokerProcess.start(BrokerProcess.freePort(), data, dir.resolve("broker.log"))) {
      assertThat(clusterId(broker.bootstrapServers())).isNotBlank();
      assertThat(data.resolve(KafkaBroker.LOG_DIRECTORY).resolve(KafkaBroker.META_PROPERTIES))
          .exists();
      broker.stop();
    }
  }

  @Test
  void logDirectoryWithDataButNoMetaPropertiesIsRefused() throws Exception {
    Path data = dir.resolve("kafka");
    Path stray = data.resolve(KafkaBroker.LOG_DIRECTORY).resolve("gort.runs.requested-0");
    Files.createDirectories(stray);
    try (BrokerProcess broker =
        BrokerProcess.launch(BrokerProcess.freePort(), data, dir.resolve("broker.log"))) {
      assertThat(broker.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(broker.output()).contains("not formatting over it").doesNotContain("KAFKA READY");
    }
    assertThat(stray).exists();
    assertThat(data.resolve(KafkaBroker.LOG_DIRECTORY).resolve(KafkaBroker.META_PROPERTIES))
        .doesNotExist();
  }

  @Test
  void secondBrokerOnADirectoryInUseIsRefusedAndTheFirstKeepsServing() throws Exception {
    Path data = dir.resolve("kafka");
    try (BrokerProcess first =
        BrokerProcess.start(BrokerProcess.freePort(), data, dir.resolve("first.log"))) {
      createTopic(first.bootstrapServers(), TOPIC);
      try (BrokerProcess second =
          BrokerProcess.launch(BrokerProcess.freePort(), data, dir.resolve("second.log"))) {
        assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(second.output())
            .contains("is in use by another Kafka broker")
            .doesNotContain("KAFKA READY");
      }
      produce(first.bootstrapServers(), TOPIC, "run-1", "requested");
      assertThat(consume(first.bootstrapServers(), GROUP, 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("requested");
      first.stop();
      assertThat(first.output()).doesNotContain("ERROR kafka", "FATAL");
    }
  }

  @Test
  void inJvmTestBrokerTakesAFreePortAndDeletesItsDataOnClose() throws Exception {
    Path scratchParent = dir.resolve("scratch");
    try (KafkaBroker broker = KafkaBroker.start(0, scratchParent)) {
      createTopic(broker.bootstrapServers(), TOPIC);
      assertThat(topics(broker.bootstrapServers())).contains(TOPIC);
    }
    try (Stream<Path> left = Files.list(scratchParent)) {
      assertThat(left).isEmpty();
    }
  }

  private static Admin admin(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(props);
  }

  private static String clusterId(String bootstrap) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
  }

  private static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static Set<String> topics(String bootstrap) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static Set<String> groups(String bootstrap) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      return admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
          .map(GroupListing::groupId)
          .collect(Collectors.toSet());
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(
      String bootstrap, String group) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Reads {@code count} records of {@link #TOPIC} as {@code group} and commits what it read. */
  private static List<ConsumerRecord<String, String>> consume(
      String bootstrap, String group, int count) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      consumer.commitSync(CLIENT_TIMEOUT);
      // a little longer: a record beyond the expected ones would show up here
      consumer.poll(Duration.ofMillis(500)).forEach(read::add);
    }
    return read;
  }

  private static void deleteContents(Path directory) throws Exception {
    try (Stream<Path> all = Files.walk(directory)) {
      all.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(directory))
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
    }
  }
}
