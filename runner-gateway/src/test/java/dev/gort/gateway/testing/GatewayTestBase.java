package dev.gort.gateway.testing;

import dev.gort.common.testing.KafkaEvents;
import dev.gort.testsupport.ApiTokens;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every gateway {@code @QuarkusTest} starts from: a Kafka client on the test broker, the
 * runner stub's URL, the gateway's database and the {@link GatewayHarness} over them.
 */
public abstract class GatewayTestBase {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  protected String bootstrap;

  @ConfigProperty(name = "quarkus.rest-client.sim-runner.url")
  protected String runnerUrl;

  @Inject protected DataSource dataSource;

  protected KafkaEvents kafka;
  protected GatewayHarness harness;

  @BeforeEach
  void connectToKafka() {
    kafka = new KafkaEvents(bootstrap);
    harness = new GatewayHarness(kafka, runnerUrl, dataSource);
  }

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  @AfterEach
  void disconnectFromKafka() {
    kafka.close();
  }
}
