package dev.gort.common.event;

import dev.gort.common.polling.PollingLoop;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps Gort's topics (and this service's dead-letter topic) in place: creates them at start-up,
 * and again whenever they are found missing (a broker that came back on empty data), so that no
 * event waits on a topic the broker would otherwise make on the fly with the wrong partitions. The
 * readiness check asks {@link #missing()}: a service is not ready while its topics are not there.
 * Where a platform manages topics (Strimzi), {@code gort.kafka.create-topics=false} leaves creating
 * them to it; readiness still reports them missing.
 */
@Singleton
@IfBuildProperty(name = "gort.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class TopicGuard {

  private static final Logger LOG = Logger.getLogger(TopicGuard.class);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  /** Whether the service creates missing topics. */
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

  /** How often the topics are checked (and recreated) besides readiness probes. */
  @ConfigProperty(name = "gort.kafka.topic-check-interval", defaultValue = "PT10S")
  Duration checkInterval;

  private Admin admin;
  private PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    try {
      List<String> missing = missing();
      if (!missing.isEmpty()) {
        LOG.warnf("topics %s are missing and could not be created yet", missing);
      }
    } catch (RuntimeException e) {
      // start anyway: readiness reports Kafka, and the next check creates the topics
      LOG.warnf("cannot check Gort's topics yet: %s", e.getMessage());
    }
    loop =
        new PollingLoop(
                "topic-guard",
                () -> {
                  missing();
                  return false;
                },
                checkInterval,
                checkInterval.multipliedBy(6))
            .start();
  }

  /** The topics this service needs. */
  public Set<String> wanted() {
    Set<String> wanted = new TreeSet<>(Topics.ALL);
    wanted.add(Topics.deadLetter(applicationName));
    return wanted;
  }

  /**
   * The wanted topics the broker does not have, after creating those it lacked (when this service
   * creates topics): empty when all are there.
   *
   * @throws IllegalStateException when the broker cannot be asked
   */
  public synchronized List<String> missing() {
    List<String> missing = absent();
    if (missing.isEmpty() || !createTopics) {
      return missing;
    }
    LOG.infof("creating missing topics %s", missing);
    List<NewTopic> topics = new ArrayList<>();
    missing.forEach(t -> topics.add(new NewTopic(t, partitions, replication)));
    admin()
        .createTopics(topics)
        .values()
        .forEach(
            (topic, created) -> {
              try {
                created.get(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  LOG.warnf("topic %s not created: %s", topic, e.toString());
                }
              }
            });
    return absent();
  }

  private List<String> absent() {
    Set<String> present;
    try {
      present = admin().listTopics().names().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the broker's topics: " + e, e);
    }
    List<String> absent = new ArrayList<>();
    for (String topic : wanted()) {
      if (!present.contains(topic)) {
        absent.add(topic);
      }
    }
    return absent;
  }

  private Admin admin() {
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  applicationName + "-topics",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  5000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  5000));
    }
    return admin;
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
    synchronized (this) {
      if (admin != null) {
        admin.close(Duration.ofSeconds(2));
      }
    }
  }
}
