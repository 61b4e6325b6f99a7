package dev.gort.common.outbox;

import dev.gort.common.polling.PollingLoop;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the {@link OutboxRelay} of a service for as long as it is up. On by default in every service
 * that has a database; {@code gort.outbox.enabled=false} (build time) leaves it out.
 */
@Singleton
@IfBuildProperty(name = "gort.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelayJob {

  @Inject DataSource dataSource;

  /** Kafka brokers the relay publishes to. */
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  /** Rows published per round trip. */
  @ConfigProperty(name = "gort.outbox.batch-size", defaultValue = "200")
  int batchSize;

  /** How long the relay waits before looking again when the outbox was empty. */
  @ConfigProperty(name = "gort.outbox.relay-interval", defaultValue = "PT0.1S")
  Duration relayInterval;

  /** How long to wait for the broker's acknowledgement of a batch. */
  @ConfigProperty(name = "gort.outbox.ack-timeout", defaultValue = "PT10S")
  Duration ackTimeout;

  @ConfigProperty(name = "quarkus.application.name", defaultValue = "gort")
  String applicationName;

  private EventPublisher publisher;
  private PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    publisher = new KafkaEventPublisher(bootstrapServers, applicationName + "-outbox", ackTimeout);
    OutboxRelay relay = new OutboxRelay(dataSource, publisher, batchSize);
    loop =
        new PollingLoop(
                "outbox-relay", () -> relay.relayOnce() > 0, relayInterval, Duration.ofSeconds(5))
            .start();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
    if (publisher != null) {
      publisher.close();
    }
  }
}
