package dev.gort.common.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** An idempotent, acks=all Kafka producer; a batch counts as sent only when every record is. */
public final class KafkaEventPublisher implements EventPublisher {

  private final KafkaProducer<String, String> producer;
  private final Duration ackTimeout;

  public KafkaEventPublisher(String bootstrapServers, String clientId, Duration ackTimeout) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout.toMillis());
    props.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(ackTimeout.toMillis(), 30000));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout.toMillis());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
    this.ackTimeout = ackTimeout;
  }

  @Override
  public void publish(List<Message> batch) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
    for (Message m : batch) {
      acks.add(producer.send(new ProducerRecord<>(m.topic(), m.key(), m.payload())));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
