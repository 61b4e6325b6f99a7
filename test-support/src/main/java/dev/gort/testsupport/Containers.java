package dev.gort.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The opt-in Testcontainers path; loaded only when {@code GORT_TESTCONTAINERS=true}. */
final class Containers {

  private Containers() {}

  static String startKafka() {
    KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.1");
    kafka.start();
    return kafka.getBootstrapServers();
  }

  static PostgresServer startPostgres() {
    PostgreSQLContainer pg = new PostgreSQLContainer("postgres:15-alpine");
    pg.start();
    return new PostgresServer(
        pg.getHost(), pg.getMappedPort(5432), pg.getUsername(), pg.getPassword());
  }
}
