package dev.gort.common.outbox;

import java.util.List;

/** Publishes a batch of outbox messages and returns only once the broker has acknowledged all. */
public interface EventPublisher extends AutoCloseable {

  record Message(String topic, String key, String payload) {}

  void publish(List<Message> batch) throws Exception;

  @Override
  default void close() {}
}
