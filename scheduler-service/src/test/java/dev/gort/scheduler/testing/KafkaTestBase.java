package dev.gort.scheduler.testing;

import dev.gort.common.testing.KafkaEvents;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Scheduler tests that publish and read events: a Kafka client on the test broker per class. */
public abstract class KafkaTestBase {

  /** The scheduler's consumer group, to tell when it has consumed what a test published. */
  protected static final String GROUP = "scheduler-service";

  protected static KafkaEvents kafka;

  @BeforeAll
  static void connectToKafka() {
    kafka = new KafkaEvents(TestInfrastructure.kafkaBootstrapServers());
  }

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  @AfterAll
  static void disconnectFromKafka() {
    kafka.close();
  }
}
