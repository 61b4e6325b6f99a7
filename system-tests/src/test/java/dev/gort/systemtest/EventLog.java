package dev.gort.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the services have published on a topic so far, as CloudEvents JSON. */
final class EventLog {

  private EventLog() {}

  /** Every event about {@code runId} on {@code topic}, from the beginning to the current end. */
  static List<JsonNode> eventsAbout(String bootstrap, String topic, String runId)
      throws IOException {
    List<JsonNode> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class.getName()))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant giveUp = Instant.now().plusSeconds(30);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(giveUp)) {
          throw new AssertionError("could not read " + topic + " to its end");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (runId.equals(r.key())) {
            found.add(Http.JSON.readTree(r.value()));
          }
        }
      }
    }
    return found;
  }

  static long count(List<JsonNode> events, String type) {
    return events.stream().filter(e -> type.equals(e.path("type").asText())).count();
  }

  private static boolean caughtUp(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
