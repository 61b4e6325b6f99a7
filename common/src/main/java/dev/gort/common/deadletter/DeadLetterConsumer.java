package dev.gort.common.deadletter;

import dev.gort.common.consumer.ConsumerRetry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps what reaches the service's dead-letter topic ({@code gort.dlq.<service>}, channel {@code
 * dead-letters}), with the reason and the origin the dead-letter headers name, so that an admin can
 * list it and replay it. Nothing that arrives here is ever dropped.
 */
@ApplicationScoped
@IfBuildProperty(name = "gort.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class DeadLetterConsumer {

  // the headers SmallRye Reactive Messaging's dead-letter-queue failure strategy writes
  static final String REASON = "dead-letter-reason";
  static final String CAUSE = "dead-letter-cause";
  static final String TOPIC = "dead-letter-topic";
  static final String PARTITION = "dead-letter-partition";
  static final String OFFSET = "dead-letter-offset";

  @Inject DeadLetterStore store;
  @Inject ConsumerRetry retry;

  // Reactive Messaging's own @Blocking: the common one would be flagged in the simulators, which
  // have no messaging to run this (the bean is left out there)
  @Incoming("dead-letters")
  @Blocking
  public void onDeadLetter(ConsumerRecord<String, byte[]> record) {
    String reason = header(record, REASON);
    String cause = header(record, CAUSE);
    DeadLetterStore.Arrival arrival =
        new DeadLetterStore.Arrival(
            record.partition(),
            record.offset(),
            header(record, TOPIC),
            number(header(record, PARTITION)),
            longNumber(header(record, OFFSET)),
            record.key(),
            record.value() == null ? new byte[0] : record.value(),
            cause == null || cause.equals(reason) ? reason : reason + " (" + cause + ")");
    retry.untilKept("dead letters", () -> store.keep(arrival));
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Integer number(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long longNumber(String text) {
    try {
      return text == null ? null : Long.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
