package dev.gort.localrunner.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.signature.HmacSignature;
import dev.gort.localrunner.config.LocalRunnerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Delivers a job's callback to the gateway, signed ({@code X-Gort-Signature}: HMAC-SHA256 with
 * {@code gort.local-runner.secret} over the URL's token, a line feed and the body). A connection
 * error, a 429 or a 5xx is tried again {@code callback-retries} times with a doubling back-off; any
 * other answer is final. Redirects are not followed. A callback never delivered is not lost to
 * Gort: the gateway's status poll recovers the outcome.
 */
@Singleton
public class CallbackSender {

  public static final String SIGNATURE_HEADER = "X-Gort-Signature";

  private static final Logger LOG = Logger.getLogger(CallbackSender.class);

  private final ObjectMapper mapper;
  private final String secret;
  private final Duration timeout;
  private final Duration backoff;
  private final int retries;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  @Inject
  public CallbackSender(ObjectMapper mapper, LocalRunnerConfig config) {
    this.mapper = mapper;
    this.secret = config.secret().orElse("");
    this.timeout = config.callbackTimeout();
    this.backoff = config.callbackBackoff();
    this.retries = config.callbackRetries();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "job-callbacks");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Sends {@code callback} to {@code url} (already checked to be on the gateway's origin) in the
   * background; {@code progress} hears how delivery goes ("delivered 200", "failed: 401", ...).
   */
  public void deliver(URI url, String token, JobCallback callback, Consumer<String> progress) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(callback);
    } catch (JsonProcessingException e) {
      progress.accept("failed: cannot serialize the callback");
      return;
    }
    String signature = HmacSignature.signCallback(secret, token, body);
    try {
      timer.execute(() -> attempt(url, body, signature, 0, progress, callback.jobId()));
    } catch (RuntimeException stopping) {
      progress.accept("failed: the agent is stopping");
    }
  }

  private void attempt(
      URI url, byte[] body, String signature, int retry, Consumer<String> progress, String jobId) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              int status = error == null ? response.statusCode() : -1;
              if (status / 100 == 2) {
                progress.accept("delivered " + status);
              } else if (status > 0 && status < 500 && status != 429) {
                progress.accept("failed: " + status);
                LOG.infof("callback of job %s refused with %d (final)", jobId, status);
              } else {
                String why = error == null ? Integer.toString(status) : describe(error);
                if (retry < retries) {
                  long waitMs = backoff.toMillis() << Math.min(retry, 20);
                  progress.accept(
                      "pending: retry " + (retry + 1) + " of " + retries + " after " + why);
                  try {
                    timer.schedule(
                        () -> attempt(url, body, signature, retry + 1, progress, jobId),
                        waitMs,
                        TimeUnit.MILLISECONDS);
                  } catch (RuntimeException stopping) {
                    progress.accept("failed: the agent is stopping");
                  }
                } else {
                  progress.accept("failed: " + why + " after " + (retries + 1) + " tries");
                  LOG.infof(
                      "callback of job %s not delivered after %d tries: %s",
                      jobId, retries + 1, why);
                }
              }
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
