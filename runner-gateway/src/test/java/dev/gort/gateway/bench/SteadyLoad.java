package dev.gort.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Load on one HTTP server from a Vert.x client (an event loop and a pool of kept-alive connections:
 * little CPU of its own, which matters when client and server share two cores).
 *
 * <ul>
 *   <li>{@link #at} is open-loop: requests are sent at a fixed rate whatever the server does, each
 *       one's latency counted from when it was due (not when a busy client got round to it), so a
 *       server that falls behind shows in the numbers instead of slowing the load down.
 *   <li>{@link #flatOut} keeps {@code concurrency} requests in flight: the most the server takes.
 * </ul>
 */
final class SteadyLoad implements AutoCloseable {

  /** One request: path with query, headers, body. */
  record Call(String uri, Map<String, String> headers, byte[] body) {}

  /** The status of a request the server took but did not answer. */
  static final int NO_ANSWER = -1;

  /**
   * The status of a request the client never sent: it got no connection from its pool in time. The
   * server never saw it, so it counts in no latency.
   */
  static final int NOT_SENT = -2;

  /** What a load saw. Latencies in nanoseconds, one per request; statuses as above. */
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
      long[] sorted = new long[statuses.length];
      int sent = 0;
      for (int i = 0; i < statuses.length; i++) {
        if (statuses[i] != NOT_SENT) {
          sorted[sent++] = latencies[i];
        }
      }
      sorted = Arrays.copyOf(sorted, Math.max(sent, 1));
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    String summary() {
      return String.format(
          "%d requests in %.1f s (%.0f/s): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
              + " answers %s (-1: none, -2: never sent by the client); client send lag max %.2f ms",
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

  private static final Duration STALL = Duration.ofSeconds(60);

  /** How long a request may go without an answer before it counts as unanswered (or unsent). */
  private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(20);

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;

  SteadyLoad(String host, int port) {
    client =
        vertx
            .httpClientBuilder()
            .with(
                new HttpClientOptions()
                    .setDefaultHost(host)
                    .setDefaultPort(port)
                    .setKeepAlive(true)
                    .setConnectTimeout(5000))
            .with(new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1))
            .build();
  }

  /** Sends {@code calls} in order, {@code perSecond} of them a second, and waits for all. */
  Result at(List<Call> calls, int perSecond) {
    int n = calls.size();
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
      CompletableFuture<Void> done = new CompletableFuture<>();
      sent[i] = done;
      send(calls.get(i))
          .onComplete(
              answer -> {
                latencies[index] = System.nanoTime() - due;
                statuses[index] = answer.succeeded() ? answer.result() : NO_ANSWER;
                done.complete(null);
              });
    }
    awaitAll(sent);
    return new Result(statuses, latencies, Duration.ofNanos(System.nanoTime() - start), maxLag);
  }

  /** Sends {@code calls} keeping {@code concurrency} in flight, each waiting for its answer. */
  Result flatOut(List<Call> calls, int concurrency) throws InterruptedException {
    int n = calls.size();
    int[] statuses = new int[n];
    long[] latencies = new long[n];
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService senders = Executors.newFixedThreadPool(concurrency);
    for (int w = 0; w < concurrency; w++) {
      senders.execute(
          () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
              long t = System.nanoTime();
              CompletableFuture<Integer> answer = new CompletableFuture<>();
              send(calls.get(i))
                  .onComplete(a -> answer.complete(a.succeeded() ? a.result() : NO_ANSWER));
              statuses[i] = answer.join();
              latencies[i] = System.nanoTime() - t;
            }
          });
    }
    senders.shutdown();
    senders.awaitTermination(10, TimeUnit.MINUTES);
    return new Result(statuses, latencies, Duration.ofNanos(System.nanoTime() - start), 0);
  }

  /**
   * Waits for every answer, at most {@link #STALL} after the last was due. The Vert.x client has
   * been seen (rarely, after a saturated phase) to open no connection at all and answer nothing;
   * the run then fails saying so instead of hanging.
   */
  private static void awaitAll(CompletableFuture<?>[] sent) {
    try {
      CompletableFuture.allOf(sent).get(STALL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      long open = Arrays.stream(sent).filter(f -> !f.isDone()).count();
      throw new IllegalStateException(
          "the load client stalled: " + open + " of " + sent.length + " requests unanswered");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Sends one request; its future always completes: with the status, {@link #NO_ANSWER}, or {@link
   * #NOT_SENT} when the client got no connection for it within {@link #ANSWER_DEADLINE} (the Vert.x
   * pool has been seen, about once in 10 000 requests after a saturated phase, to leave a request
   * waiting for ever).
   */
  private Future<Integer> send(Call call) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI(call.uri())
            .setConnectTimeout(10_000)
            .setIdleTimeout(10_000);
    call.headers().forEach(options::putHeader);
    Promise<Integer> answer = Promise.promise();
    AtomicBoolean sent = new AtomicBoolean();
    long deadline =
        vertx.setTimer(
            ANSWER_DEADLINE.toMillis(), t -> answer.tryComplete(sent.get() ? NO_ANSWER : NOT_SENT));
    client
        .request(options)
        .compose(
            request -> {
              sent.set(true);
              return request.send(Buffer.buffer(call.body()));
            })
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(
            a -> {
              vertx.cancelTimer(deadline);
              answer.tryComplete(a.succeeded() ? a.result() : NO_ANSWER);
            });
    return answer.future();
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
