package dev.gort.gateway.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: requests sent at a fixed rate whatever the server does, each one's latency
 * counted from when it was due (not when a busy client got round to it), so a server that falls
 * behind shows in the numbers instead of slowing the load down.
 */
final class SteadyLoad {

  private SteadyLoad() {}

  /** What a load saw. Latencies in nanoseconds, one per request; -1 status = no answer. */
  record Result(int[] statuses, long[] latencies, Duration elapsed, long maxSendLagNanos) {

    Map<Integer, Long> statusCounts() {
      Map<Integer, Long> counts = new TreeMap<>();
      for (int s : statuses) {
        counts.merge(s, 1L, Long::sum);
      }
      return counts;
    }

    long count(int status) {
      return Arrays.stream(statuses).filter(s -> s == status).count();
    }

    double perSecond() {
      return statuses.length / (elapsed.toNanos() / 1e9);
    }

    double percentileMillis(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    String summary() {
      return String.format(
          "%d requests in %.1f s (%.0f/s): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
              + " answers %s; client send lag max %.2f ms",
          statuses.length,
          elapsed.toNanos() / 1e9,
          perSecond(),
          percentileMillis(50),
          percentileMillis(90),
          percentileMillis(99),
          percentileMillis(100),
          statusCounts(),
          maxSendLagNanos / 1e6);
    }
  }

  /** Sends {@code requests} in order, {@code perSecond} of them a second, and waits for all. */
  static Result at(HttpClient client, List<HttpRequest> requests, int perSecond) {
    int n = requests.size();
    int[] statuses = new int[n];
    long[] latencies = new long[n];
    long interval = 1_000_000_000L / perSecond;
    CompletableFuture<?>[] sent = new CompletableFuture<?>[n];
    long start = System.nanoTime() + 10_000_000L;
    long maxLag = 0;
    for (int i = 0; i < n; i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      maxLag = Math.max(maxLag, -wait);
      int index = i;
      sent[i] =
          client
              .sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, failure) -> {
                    latencies[index] = System.nanoTime() - due;
                    statuses[index] = response == null ? -1 : response.statusCode();
                  });
    }
    CompletableFuture.allOf(sent).exceptionally(e -> null).join();
    return new Result(statuses, latencies, Duration.ofNanos(System.nanoTime() - start), maxLag);
  }

  /**
   * Sends {@code requests} as fast as {@code concurrency} clients each waiting for its answer
   * allow: the most the server accepts a second.
   */
  static Result flatOut(HttpClient client, List<HttpRequest> requests, int concurrency) {
    int n = requests.size();
    int[] statuses = new int[n];
    long[] latencies = new long[n];
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    CompletableFuture<?>[] workers = new CompletableFuture<?>[concurrency];
    for (int w = 0; w < concurrency; w++) {
      workers[w] =
          CompletableFuture.runAsync(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                  long t = System.nanoTime();
                  try {
                    statuses[i] =
                        client
                            .send(requests.get(i), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                  } catch (Exception e) {
                    statuses[i] = -1;
                  }
                  latencies[i] = System.nanoTime() - t;
                }
              },
              threads);
    }
    CompletableFuture.allOf(workers).join();
    threads.shutdown();
    return new Result(statuses, latencies, Duration.ofNanos(System.nanoTime() - start), 0);
  }
}
