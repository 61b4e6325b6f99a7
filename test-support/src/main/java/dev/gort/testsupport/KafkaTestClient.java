package dev.gort.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a test says to and reads from a real broker, with plain Kafka clients: publish a record as
 * another service would, read back what the service under test published, and learn whether a
 * consumer group has processed given records. Reads are deterministic: they go up to the end
 * offsets taken when they start, so they neither wait for nor miss acknowledged records.
 */
public final class KafkaTestClient implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final KafkaProducer<String, String> producer;
  private final Admin admin;

  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
    this.admin = admin(bootstrapServers);
  }

  public RecordMetadata publish(String topic, String key, String value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to " + topic, e);
    }
  }

  /** Publishes {@code value} with {@code headers} (UTF-8), as a dead-letter queue would. */
  public RecordMetadata publish(
      String topic, String key, String value, Map<String, String> headers) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    headers.forEach(
        (name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to " + topic, e);
    }
  }

  /**
   * Whether consumer group {@code group} has committed offsets past every one of {@code records}.
   */
  public boolean consumed(String group, RecordMetadata... records) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return Arrays.stream(records)
          .allMatch(
              r -> {
                OffsetAndMetadata o = committed.get(new TopicPartition(r.topic(), r.partition()));
                return o != null && o.offset() > r.offset();
              });
    } catch (Exception e) {
      return false;
    }
  }

  /** The values of the records keyed {@code key} that {@code topic} holds now, in log order. */
  public List<String> values(String topic, String key) {
    return readAll(bootstrapServers, topic).stream()
        .filter(r -> key.equals(r.key()))
        .map(ConsumerRecord::value)
        .toList();
  }

  public static void createTopic(String bootstrapServers, String topic, int partitions) {
    try (Admin admin = admin(bootstrapServers)) {
      createTopic(admin, topic, partitions);
    }
  }

  /** Every record {@code topic} holds now, partition by partition in log order. */
  public static List<ConsumerRecord<String, String>> readAll(
      String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(r);
          }
        }
      }
      return records;
    }
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private static void createTopic(Admin admin, String topic, int partitions) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic, e);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
