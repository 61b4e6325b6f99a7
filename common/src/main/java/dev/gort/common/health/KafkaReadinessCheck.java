package dev.gort.common.health;

import dev.gort.common.event.TopicGuard;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers and Gort's topics are there (recreated when found
 * missing, see {@link TopicGuard}); the messaging channels alone report UP too early, and a broker
 * that came back on empty data answers but has no topics.
 */
@Readiness
@Singleton
@IfBuildProperty(name = "gort.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class KafkaReadinessCheck implements HealthCheck {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject TopicGuard topics;

  private Admin admin;

  @Override
  public HealthCheckResponse call() {
    String clusterId;
    try {
      clusterId = admin().describeCluster().clusterId().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      return HealthCheckResponse.named("Kafka cluster")
          .down()
          .withData("bootstrap", bootstrapServers)
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
    List<String> missing;
    try {
      missing = topics.missing();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("Kafka cluster")
          .down()
          .withData("cluster", clusterId)
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
    if (!missing.isEmpty()) {
      return HealthCheckResponse.named("Kafka cluster")
          .down()
          .withData("cluster", clusterId)
          .withData("missingTopics", String.join(",", missing))
          .build();
    }
    return HealthCheckResponse.named("Kafka cluster").up().withData("cluster", clusterId).build();
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "gort-readiness",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  2000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  2000));
    }
    return admin;
  }

  void onStop(@Observes ShutdownEvent event) {
    if (admin != null) {
      admin.close();
    }
  }
}
