package dev.gort.simulators.tuxsuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The simulated TuxSuite's callbacks, off the request threads: POSTed to the job's {@code callback}
 * as TuxSuite posts them — the signed document as a JSON string, {@code x-tux-payload-signature},
 * the job's {@code callback_headers}. A connection error or a 5xx (a gateway that cannot fetch the
 * key answers 503) is retried three times with the simulators' callback backoff; any other answer
 * is final. Bodies are never logged.
 */
@Singleton
public class TuxSuiteCallbacks {

  static final int RETRIES = 3;

  private static final Logger LOG = Logger.getLogger(TuxSuiteCallbacks.class);

  private final ObjectMapper mapper;
  private final Duration timeout;
  private final Duration backoff;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  @Inject
  public TuxSuiteCallbacks(ObjectMapper mapper, RunnerConfig config) {
    this.mapper = mapper;
    this.timeout = config.callbackTimeout();
    this.backoff = config.callbackRetryBackoff();
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
              Thread thread = new Thread(task, "sim-tuxsuite-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  ScheduledFuture<?> after(long delayMs, Runnable task) {
    return timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  /** Sends {@code document}, signed with {@code signature}, as the job's callback. */
  void deliver(TuxJob job, String document, String signature) {
    String body;
    try {
      body = mapper.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a callback", e);
    }
    job.sent(body, signature);
    attempt(job, body, signature, 0);
  }

  /** The job's last callback again, byte for byte, once; completes with the HTTP status. */
  CompletableFuture<Integer> redeliver(TuxJob job) {
    return post(job, job.lastCallback(), job.lastSignature())
        .whenComplete(
            (status, error) ->
                job.callbackStatus(
                    error != null
                        ? "failed: " + describe(error)
                        : (status / 100 == 2 ? "delivered " : "failed: ") + status));
  }

  private void attempt(TuxJob job, String body, String signature, int retry) {
    post(job, body, signature)
        .whenComplete(
            (status, error) -> {
              if (error == null && status / 100 == 2) {
                job.callbackStatus("delivered " + status);
              } else if (error == null && status < 500) {
                job.callbackStatus("failed: " + status);
                LOG.infof("callback of job %s refused with %d (final)", job.uid(), status);
              } else {
                String why = error == null ? Integer.toString(status) : describe(error);
                if (retry < RETRIES) {
                  job.callbackStatus(
                      "pending: retry " + (retry + 1) + " of " + RETRIES + " after " + why);
                  after(
                      backoff.toMillis() << retry, () -> attempt(job, body, signature, retry + 1));
                } else {
                  job.callbackStatus("failed: " + why + " after " + (RETRIES + 1) + " attempts");
                }
              }
            });
  }

  private CompletableFuture<Integer> post(TuxJob job, String body, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(job.callbackUrl()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(TuxSuiteSimulator.SIGNATURE_HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    job.callbackHeaders().forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode);
  }

  static String describe(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
