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
 * and again whenever a check finds them missing (a broker that came back on empty data), so that no
 * event waits on a topic the broker would otherwise make on the fly with the wrong partitions.
 * Checks run on a loop of their own every {@code gort.kafka.topic-check-interval}; the readiness
 * check reads the last one ({@link #state()}), so a probe never does broker work itself. Where a
 * platform manages topics (Strimzi), {@code gort.kafka.create-topics=false} leaves creating them to
 * it; the state still reports them missing.
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

  /** How often the broker and the topics are checked (and missing topics created). */
  @ConfigProperty(name = "gort.kafka.topic-check-interval", defaultValue = "PT5S")
  Duration checkInterval;

  /**
   * What the last check found: the cluster's id (null when the broker did not answer), the topics
   * still missing, and why the broker could not be asked (null when it could).
   */
  public record State(String clusterId, List<String> missing, String error) {

    static final State UNCHECKED = new State(null, List.of(), "not checked yet");

    public boolean ready() {
      return error == null && missing.isEmpty();
    }
  }

  private Admin admin;
  private PollingLoop loop;
  private volatile State state = State.UNCHECKED;

  void onStart(@Observes StartupEvent event) {
    check();
    if (!state.missing().isEmpty()) {
      LOG.warnf("topics %s are missing and could not be created yet", state.missing());
    }
    loop =
        new PollingLoop(
                "topic-guard",
                () -> {
                  check();
                  return false;
                },
                checkInterval,
                checkInterval.multipliedBy(6))
            .start();
  }

  /** What the last check found. */
  public State state() {
    return state;
  }

  /** The topics this service needs. */
  public Set<String> wanted() {
    Set<String> wanted = new TreeSet<>(Topics.ALL);
    wanted.add(Topics.deadLetter(applicationName));
    return wanted;
  }

  /** Asks the broker, creates the wanted topics it lacks (when this service creates topics). */
  synchronized State check() {
    try {
      String clusterId = admin().describeCluster().clusterId().get(5, TimeUnit.SECONDS);
      List<String> missing = absent();
      if (!missing.isEmpty() && createTopics) {
        create(missing);
        missing = absent();
      }
      state = new State(clusterId, List.copyOf(missing), null);
    } catch (Exception e) {
      // start and go on anyway: readiness says so, and the next check tries again
      state = new State(null, List.of(), String.valueOf(e.getMessage()));
    }
    return state;
  }

  private void create(List<String> missing) {
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
  }

  private List<String> absent() throws Exception {
    Set<String> present = admin().listTopics().names().get(5, TimeUnit.SECONDS);
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
