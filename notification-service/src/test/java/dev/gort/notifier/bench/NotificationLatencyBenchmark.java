package dev.gort.notifier.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.Topics;
import dev.gort.common.testing.KafkaEvents;
import dev.gort.notifier.testing.HookServerPort;
import dev.gort.notifier.testing.SmtpSink;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * How long an owner waits for the mail: from the moment {@code RunFinished} is published to the
 * moment the SMTP sink has spooled the message (its file's modification time), over real Kafka,
 * PostgreSQL and SMTP. {@code gort.bench.notifications} (300) runs finish at {@code
 * gort.bench.rate} per second (20), open loop, after a warm-up of 50.
 *
 * <p>Run with {@code ./mvnw -pl notification-service -am verify -Dtest=NotificationLatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Not part of {@code verify}: it prints numbers.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SmtpSink.class)
@QuarkusTestResource(HookServerPort.class)
class NotificationLatencyBenchmark {

  private static final int COUNT = Integer.getInteger("gort.bench.notifications", 300);
  private static final int RATE = Integer.getInteger("gort.bench.rate", 20);
  private static final int WARM_UP = 50;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = SmtpSink.SPOOL)
  Path spool;

  @Test
  void runFinishedToMailInTheSink() throws Exception {
    try (KafkaEvents kafka = new KafkaEvents(bootstrap)) {
      measure(kafka, WARM_UP, "warm-up");
      long[] latencies = measure(kafka, COUNT, "measured");
      Arrays.sort(latencies);
      System.out.printf(
          "notification latency RunFinished -> SMTP sink, %d at %d/s: p50 %d ms, p90 %d ms, p99 %d"
              + " ms, max %d ms%n",
          latencies.length,
          RATE,
          at(latencies, 0.50),
          at(latencies, 0.90),
          at(latencies, 0.99),
          latencies[latencies.length - 1]);
    }
  }

  private long[] measure(KafkaEvents kafka, int count, String phase) throws InterruptedException {
    String batch = phase + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Long> publishedAt = new HashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * 1_000_000_000L / RATE;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      String address = batch + "-" + i + "@example.com";
      publishedAt.put(address, System.currentTimeMillis());
      kafka.publish(Topics.RUNS_FINISHED, finished("run-" + UUID.randomUUID(), address));
    }
    Map<String, Long> spooledAt =
        await()
            .atMost(Duration.ofSeconds(60 + count / 5))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> spooled(batch), m -> m.size() >= count);
    assertThat(spooledAt).as("one mail per run").hasSize(count);
    List<Long> latencies = new ArrayList<>();
    publishedAt.forEach((address, at) -> latencies.add(spooledAt.get(address) - at));
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }

  /** Recipient → when its mail was spooled, for the mails of {@code batch}. */
  private Map<String, Long> spooled(String batch) {
    Map<String, Long> found = new HashMap<>();
    try (Stream<Path> files = Files.list(spool)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
        String first = Files.readAllLines(f).get(0);
        String to = first.substring(first.indexOf(':') + 1).trim();
        if (to.startsWith(batch)) {
          found.put(to, Files.getLastModifiedTime(f).toMillis());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
  }

  private static Envelope finished(String runId, String email) {
    return Envelope.of(
        "/gort/scheduler-service",
        new RunFinished(
            runId,
            "exp-bench",
            "rev-1",
            "alice",
            email,
            Outcome.PASSED,
            1,
            "2 of 2 tests passed",
            Instant.now(),
            "ops"),
        Instant.now());
  }
}
