package dev.gort.gateway.testing;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.GortEvent;
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
 * What a test says to and reads from the real broker, with plain Kafka clients: publish an envelope
 * as another service would, read back what the service under test published, and learn whether the
 * service's consumer group has processed given records.
 */
public final class KafkaEvents implements AutoCloseable {

  private final String bootstrapServers;
  private final KafkaProducer<String, String> producer;
  private final Admin admin;

  public KafkaEvents(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Publishes {@code envelope} keyed by its subject, as the outbox of another service would. */
  public RecordMetadata publish(String topic, Envelope envelope) {
    return publishRaw(topic, envelope.subject(), EnvelopeCodec.encode(envelope));
  }

  public RecordMetadata publishRaw(String topic, String key, String value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to " + topic, e);
    }
  }

  public void createTopics(String... topics) {
    for (String topic : topics) {
      try {
        admin
            .createTopics(List.of(new NewTopic(topic, 4, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create " + topic, e);
        }
      } catch (Exception e) {
        throw new IllegalStateException("cannot create " + topic, e);
      }
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

  /**
   * The events about {@code subject} of type {@code type} that {@code topic} holds now, in log
   * order. It reads up to the end offsets taken when it starts, so it neither waits for nor misses
   * acknowledged records.
   */
  public <T extends GortEvent> List<T> events(String topic, String subject, Class<T> type) {
    return envelopes(topic, subject).stream()
        .filter(e -> type.isInstance(e.data()))
        .map(e -> type.cast(e.data()))
        .toList();
  }

  public List<Envelope> envelopes(String topic, String subject) {
    return values(topic, subject).stream().map(EnvelopeCodec::decode).toList();
  }

  /** The raw values of the records keyed {@code key} that {@code topic} holds now. */
  public List<String> values(String topic, String key) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<String> found = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))
              && key.equals(r.key())) {
            found.add(r.value());
          }
        }
      }
      return found;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
