package dev.gort.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.testsupport.KafkaTestClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what the services have published on a topic so far, as CloudEvents JSON. */
final class EventLog {

  private EventLog() {}

  /** Every event about {@code runId} on {@code topic}, from the beginning to the current end. */
  static List<JsonNode> eventsAbout(String bootstrap, String topic, String runId)
      throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (ConsumerRecord<String, String> r : KafkaTestClient.readAll(bootstrap, topic)) {
      if (runId.equals(r.key())) {
        found.add(Http.JSON.readTree(r.value()));
      }
    }
    return found;
  }

  static long count(List<JsonNode> events, String type) {
    return events.stream().filter(e -> type.equals(e.path("type").asText())).count();
  }
}
