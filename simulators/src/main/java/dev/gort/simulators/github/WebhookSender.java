package dev.gort.simulators.github;

import dev.gort.common.retry.Backoff;
import dev.gort.simulators.runner.RunnerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * POSTs webhook deliveries the way GitHub's Hookshot does (headers below), off the request threads,
 * and keeps the simulated runs' timers. Like the sim runner's callbacks, a connection error or a
 * 5xx is tried again three times ({@code gort.sim.callback-retry-backoff}, doubling); any other
 * answer is final. Bodies are never logged.
 */
@Singleton
public class WebhookSender {

  static final int RETRIES = 3;
  static final String USER_AGENT = "GitHub-Hookshot/0a1b2c3";

  private static final Logger LOG = Logger.getLogger(WebhookSender.class);

  private final Duration timeout;
  private final Backoff backoff;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  @Inject
  public WebhookSender(RunnerConfig config) {
    this.timeout = config.callbackTimeout();
    this.backoff =
        new Backoff(config.callbackRetryBackoff(), config.callbackRetryBackoff().multipliedBy(8));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    AtomicInteger threads = new AtomicInteger();
    this.timer =
        Executors.newScheduledThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "sim-github-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  ScheduledFuture<?> after(long delayMs, Runnable task) {
    return timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  /** Delivers, retrying as described; completes (never exceptionally) once it is final. */
  CompletableFuture<Integer> deliver(WebhookDelivery delivery) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    attempt(delivery, 0, done);
    return done;
  }

  /** Sends the delivery again once, byte for byte and under its guid; completes with the status. */
  CompletableFuture<Integer> redeliver(WebhookDelivery delivery) {
    return post(delivery)
        .whenComplete(
            (status, error) ->
                delivery.answered(
                    error == null
                        ? (status / 100 == 2 ? "delivered " : "failed: ") + status
                        : "failed: " + describe(error)));
  }

  private void attempt(WebhookDelivery delivery, int retry, CompletableFuture<Integer> done) {
    post(delivery)
        .whenComplete(
            (status, error) -> {
              if (error == null && status < 500) {
                delivery.answered((status / 100 == 2 ? "delivered " : "failed: ") + status);
                done.complete(status);
                return;
              }
              String why = error == null ? Integer.toString(status) : describe(error);
              if (error == null) {
                delivery.answered("failed: " + status);
              }
              if (retry < RETRIES) {
                delivery.status(
                    "pending: retry " + (retry + 1) + " of " + RETRIES + " after " + why);
                after(
                    backoff.after(retry + 1).toMillis(), () -> attempt(delivery, retry + 1, done));
              } else {
                delivery.status("failed: " + why + " after " + (RETRIES + 1) + " attempts");
                LOG.infof(
                    "webhook %s (%s) not delivered after %d attempts: %s",
                    delivery.guid(), delivery.event(), RETRIES + 1, why);
                done.complete(error == null ? status : 0);
              }
            });
  }

  // the delivery headers GitHub documents ("Webhook events and payloads", delivery headers)
  private CompletableFuture<Integer> post(WebhookDelivery delivery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(delivery.url()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("X-GitHub-Event", delivery.event())
            .header("X-GitHub-Delivery", delivery.guid())
            .header("X-GitHub-Hook-ID", Long.toString(delivery.hookId()))
            .header("X-GitHub-Hook-Installation-Target-Type", "repository")
            .header("X-GitHub-Hook-Installation-Target-ID", Long.toString(delivery.repositoryId()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    if (delivery.signature() != null) {
      request.header("X-Hub-Signature-256", delivery.signature());
    }
    try {
      return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
          .thenApply(HttpResponse::statusCode);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static String describe(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
