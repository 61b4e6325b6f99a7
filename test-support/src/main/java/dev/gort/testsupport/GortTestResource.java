package dev.gort.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource}: the JVM's shared Kafka broker, a fresh database for this test
 * run (dropped when the run ends) and the JVM's OIDC issuer ({@link TestIssuer}). Dev Services stay
 * off.
 */
public class GortTestResource implements QuarkusTestResourceLifecycleManager {

  private PostgresServer server;
  private String database;

  @Override
  public Map<String, String> start() {
    server = TestInfrastructure.postgres();
    database = server.createDatabase("svc");
    return Map.of(
        "kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers(),
        "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
        "quarkus.datasource.username", server.user(),
        "quarkus.datasource.password", server.password(),
        // the JVM's test issuer: tests call the API with its tokens (ApiTokens)
        "quarkus.oidc.auth-server-url", TestIssuer.issuerUrl(),
        // the in-JVM broker logs through the application under test: keep its chatter out
        "quarkus.log.category.\"kafka\".level", "WARN",
        "quarkus.log.category.\"state.change.logger\".level", "WARN",
        "quarkus.log.category.\"org.apache.kafka\".level", "WARN");
  }

  @Override
  public void stop() {
    if (database != null) {
      server.dropDatabase(database);
    }
  }
}
