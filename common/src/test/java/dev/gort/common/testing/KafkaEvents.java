package dev.gort.common.testing;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.GortEvent;
import dev.gort.testsupport.KafkaTestClient;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@link KafkaTestClient} in terms of Gort envelopes, for the services' tests (shipped in the
 * gort-common test jar): publish as another service's outbox would, read back typed events.
 */
public final class KafkaEvents implements AutoCloseable {

  private final KafkaTestClient client;

  public KafkaEvents(String bootstrapServers) {
    this.client = new KafkaTestClient(bootstrapServers);
  }

  /** Publishes {@code envelope} keyed by its subject. */
  public RecordMetadata publish(String topic, Envelope envelope) {
    return client.publish(topic, envelope.subject(), EnvelopeCodec.encode(envelope));
  }

  public RecordMetadata publishRaw(String topic, String key, String value) {
    return client.publish(topic, key, value);
  }

  public RecordMetadata publishWithHeaders(
      String topic, String key, String value, java.util.Map<String, String> headers) {
    return client.publish(topic, key, value, headers);
  }

  public boolean consumed(String group, RecordMetadata... records) {
    return client.consumed(group, records);
  }

  /** The events about {@code subject} of type {@code type} that {@code topic} holds now. */
  public <T extends GortEvent> List<T> events(String topic, String subject, Class<T> type) {
    return envelopes(topic, subject).stream()
        .filter(e -> type.isInstance(e.data()))
        .map(e -> type.cast(e.data()))
        .toList();
  }

  public List<Envelope> envelopes(String topic, String subject) {
    return values(topic, subject).stream().map(EnvelopeCodec::decode).toList();
  }

  public List<String> values(String topic, String key) {
    return client.values(topic, key);
  }

  @Override
  public void close() {
    client.close();
  }
}
