package dev.gort.common.event;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates Gort's topics (and this service's dead-letter topic) at start-up when they are missing,
 * so that no first event waits for a consumer to discover a topic the broker made on the fly. Where
 * a platform manages topics (Strimzi), turn it off with {@code gort.kafka.create-topics=false}.
 */
@Singleton
@IfBuildProperty(name = "gort.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class TopicProvisioner {

  private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  /** Whether the service creates missing topics at start-up. */
  @ConfigProperty(name = "gort.kafka.create-topics", defaultValue = "true")
  boolean createTopics;

  /** Partitions of a topic the service creates. */
  @ConfigProperty(name = "gort.kafka.topic-partitions", defaultValue = "4")
  int partitions;

  /** Replication factor of a topic the service creates (1 on a single broker). */
  @ConfigProperty(name = "gort.kafka.topic-replication", defaultValue = "1")
  short replication;

  @ConfigProperty(name = "quarkus.application.name", defaultValue = "gort")
  String applicationName;

  void onStart(@Observes StartupEvent event) {
    if (!createTopics) {
      return;
    }
    List<NewTopic> wanted = new ArrayList<>();
    for (String topic : Topics.ALL) {
      wanted.add(new NewTopic(topic, partitions, replication));
    }
    wanted.add(new NewTopic(Topics.deadLetter(applicationName), partitions, replication));
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
      admin
          .createTopics(wanted)
          .values()
          .forEach(
              (topic, created) -> {
                try {
                  created.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                  if (!(e.getCause() instanceof TopicExistsException)) {
                    // start anyway: readiness reports Kafka, and the broker may create topics
                    LOG.warnf(
                        "topic %s not created (the broker may create it later): %s", topic, e);
                  }
                }
              });
    }
  }
}
