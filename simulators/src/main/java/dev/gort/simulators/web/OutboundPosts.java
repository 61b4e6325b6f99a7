package dev.gort.simulators.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * How the simulated runners POST to Gort (callbacks, webhooks), off the request threads: one client
 * without redirects, a timer, and one retry rule — a connection error or a 5xx is tried again
 * {@link #RETRIES} times (back-off {@code backoff}, doubling); any other answer is final. Bodies
 * are never logged (they go to Gort signed). Each simulator owns one, closed with it.
 */
public final class OutboundPosts implements AutoCloseable {

  public static final int RETRIES = 3;

  private static final Logger LOG = Logger.getLogger(OutboundPosts.class);

  /** One POST: where, its headers, its exact body. */
  public record Post(URI url, Map<String, String> headers, byte[] body) {}

  /** What a delivery reports as it goes: its status words, and each answer Gort gave. */
  public interface Progress {
    /** {@code delivered 202}, {@code failed: 401}, {@code pending: retry 1 of 3 after 503}, … */
    void status(String status);

    /** Gort answered one try with {@code status}. */
    default void answered(int status) {}
  }

  private final Duration timeout;
  private final Duration backoff;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  /**
   * @param threads names the timer's threads ({@code sim-github-1}, …)
   */
  public OutboundPosts(Duration timeout, Duration backoff, String threads) {
    this.timeout = timeout;
    this.backoff = backoff;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    AtomicInteger count = new AtomicInteger();
    this.timer =
        Executors.newScheduledThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, threads + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs {@code task} after the delay on the timer, never on a request thread. */
  public ScheduledFuture<?> after(long delayMs, Runnable task) {
    return timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Delivers {@code post} with the retry rule; completes (never exceptionally) with the last status
   * Gort answered, 0 when it never answered.
   *
   * @param what names the delivery in the log ({@code callback of job 17})
   */
  public CompletableFuture<Integer> deliver(Post post, Progress progress, String what) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    attempt(post, progress, what, 0, done);
    return done;
  }

  /** Sends {@code post} once, byte for byte; completes with the status, or the failure. */
  public CompletableFuture<Integer> once(Post post, Progress progress) {
    return send(post)
        .whenComplete(
            (status, error) -> {
              if (error == null) {
                progress.answered(status);
                progress.status(words(status));
              } else {
                progress.status("failed: " + describe(error));
              }
            });
  }

  private void attempt(
      Post post, Progress progress, String what, int retry, CompletableFuture<Integer> done) {
    send(post)
        .whenComplete(
            (status, error) -> {
              if (error == null) {
                progress.answered(status);
              }
              if (error == null && status < 500) {
                progress.status(words(status));
                if (status / 100 != 2) {
                  LOG.infof("%s refused with %d (final)", what, status);
                }
                done.complete(status);
                return;
              }
              String why = error == null ? Integer.toString(status) : describe(error);
              if (retry < RETRIES) {
                progress.status(
                    "pending: retry " + (retry + 1) + " of " + RETRIES + " after " + why);
                after(
                    backoff.toMillis() << retry,
                    () -> attempt(post, progress, what, retry + 1, done));
              } else {
                progress.status("failed: " + why + " after " + (RETRIES + 1) + " attempts");
                LOG.infof("%s not delivered after %d attempts: %s", what, RETRIES + 1, why);
                done.complete(error == null ? status : 0);
              }
            });
  }

  private CompletableFuture<Integer> send(Post post) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(post.url())
              .timeout(timeout)
              .POST(HttpRequest.BodyPublishers.ofByteArray(post.body()));
      post.headers().forEach(request::header);
      return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
          .thenApply(HttpResponse::statusCode);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static String words(int status) {
    return (status / 100 == 2 ? "delivered " : "failed: ") + status;
  }

  /** A failure as a status says it: its class and message, without the completion wrapper. */
  public static String describe(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
