package dev.gort.simulators.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The side effect of the simulated runners: POSTing callbacks to Gort, off the request threads. A
 * connection error or a 5xx is retried three times (backoff 1 s, 2 s, 4 s by default); any other
 * answer is final. Bodies are never logged (they go to Gort signed).
 */
@Singleton
public class CallbackSender {

  static final int RETRIES = 3;

  private static final Logger LOG = Logger.getLogger(CallbackSender.class);

  private final ObjectMapper mapper;
  private final CallbackSigner signer;
  private final Duration timeout;
  private final Duration backoff;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  @Inject
  public CallbackSender(ObjectMapper mapper, CallbackSigner signer, RunnerConfig config) {
    this.mapper = mapper;
    this.signer = signer;
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
              Thread thread = new Thread(task, "sim-callbacks-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs {@code task} after the delay on the callback timer, never on a request thread. */
  ScheduledFuture<?> after(long delayMs, Runnable task) {
    return timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  /** Serializes, signs and delivers the callback, retrying as described above. */
  void deliver(Job job, Callback callback) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(callback);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a callback", e);
    }
    SentCallback sent = new SentCallback(body, signer.sign(job.callbackToken(), body).orElse(null));
    job.sending(sent);
    attempt(job, sent, 0);
  }

  /** Sends the job's last callback again, byte for byte, once; completes with the HTTP status. */
  CompletableFuture<Integer> redeliver(Job job, SentCallback sent) {
    return post(job, sent)
        .whenComplete(
            (status, error) -> {
              if (error == null) {
                job.callbackStatus((status / 100 == 2 ? "delivered " : "failed: ") + status);
              } else {
                job.callbackStatus("failed: " + describe(error));
              }
            });
  }

  private void attempt(Job job, SentCallback sent, int retry) {
    post(job, sent)
        .whenComplete(
            (status, error) -> {
              if (error == null && status / 100 == 2) {
                job.callbackStatus("delivered " + status);
              } else if (error == null && status < 500) {
                job.callbackStatus("failed: " + status);
                LOG.infof("callback of job %s refused with %d (final)", job.jobId(), status);
              } else {
                String why = error == null ? Integer.toString(status) : describe(error);
                if (retry < RETRIES) {
                  long waitMs = backoff.toMillis() << retry;
                  job.callbackStatus(
                      "pending: retry " + (retry + 1) + " of " + RETRIES + " after " + why);
                  after(waitMs, () -> attempt(job, sent, retry + 1));
                } else {
                  job.callbackStatus("failed: " + why + " after " + (RETRIES + 1) + " attempts");
                  LOG.infof(
                      "callback of job %s not delivered after %d attempts: %s",
                      job.jobId(), RETRIES + 1, why);
                }
              }
            });
  }

  private CompletableFuture<Integer> post(Job job, SentCallback sent) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(job.request().callbackUrl()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(sent.body()));
    if (sent.signature() != null) {
      request.header(CallbackSigner.HEADER, sent.signature());
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .thenApply(
            response -> {
              job.answered();
              return response.statusCode();
            });
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
