package dev.gort.testsupport;

import dev.gort.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find Kafka and PostgreSQL. By default: one in-JVM KRaft broker per test JVM and the
 * PostgreSQL server at {@code 127.0.0.1:5432}. With {@code GORT_TESTCONTAINERS=true} (and a Docker
 * engine), both come from Testcontainers instead. With {@code GORT_TEST_KAFKA_BOOTSTRAP} set, tests
 * use that running broker: a benchmark measures the service without a broker in its own JVM.
 */
public final class TestInfrastructure {

  private static String kafkaBootstrap;
  private static PostgresServer postgres;

  private TestInfrastructure() {}

  public static boolean useTestcontainers() {
    return "true".equalsIgnoreCase(System.getenv("GORT_TESTCONTAINERS"));
  }

  public static synchronized String kafkaBootstrapServers() {
    if (kafkaBootstrap == null) {
      String external = System.getenv("GORT_TEST_KAFKA_BOOTSTRAP");
      if (external != null && !external.isBlank()) {
        kafkaBootstrap = external;
      } else {
        kafkaBootstrap = useTestcontainers() ? Containers.startKafka() : startInJvmBroker();
      }
    }
    return kafkaBootstrap;
  }

  public static synchronized PostgresServer postgres() {
    if (postgres == null) {
      postgres = useTestcontainers() ? Containers.startPostgres() : PostgresServer.local();
    }
    return postgres;
  }

  private static String startInJvmBroker() {
    try {
      Path dir = Files.createTempDirectory("gort-kafka-test");
      KafkaBroker broker = KafkaBroker.start(0, dir);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      broker.close();
                      Files.deleteIfExists(dir);
                    } catch (Exception e) {
                      // the JVM is going away; nothing left to do about it
                    }
                  }));
      return broker.bootstrapServers();
    } catch (Exception e) {
      throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
    }
  }
}
