package dev.gort.common.health;

import dev.gort.common.event.TopicGuard;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers and Gort's topics are there (recreated when found
 * missing, see {@link TopicGuard}): the messaging channels alone report UP too early, and a broker
 * that came back on empty data answers but has no topics. It reports the guard's last check, so an
 * open probe never makes the service do broker work.
 */
@Readiness
@Singleton
@IfBuildProperty(name = "gort.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class KafkaReadinessCheck implements HealthCheck {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject TopicGuard topics;

  @Override
  public HealthCheckResponse call() {
    TopicGuard.State state = topics.state();
    HealthCheckResponseBuilder answer =
        HealthCheckResponse.named("Kafka cluster").status(state.ready());
    if (state.clusterId() != null) {
      answer.withData("cluster", state.clusterId());
    }
    if (state.error() != null) {
      answer.withData("bootstrap", bootstrapServers).withData("error", state.error());
    }
    if (!state.missing().isEmpty()) {
      answer.withData("missingTopics", String.join(",", state.missing()));
    }
    return answer.build();
  }
}
