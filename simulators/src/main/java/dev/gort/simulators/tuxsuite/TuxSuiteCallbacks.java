package dev.gort.simulators.tuxsuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.simulators.runner.RunnerConfig;
import dev.gort.simulators.web.OutboundPosts;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The simulated TuxSuite's callbacks, off the request threads: POSTed to the job's {@code callback}
 * as TuxSuite posts them — the signed document as a JSON string, {@code x-tux-payload-signature},
 * the job's {@code callback_headers}. A connection error or a 5xx (a gateway that cannot fetch the
 * key answers 503) is retried three times with the simulators' callback backoff ({@link
 * OutboundPosts}); any other answer is final.
 */
@Singleton
public class TuxSuiteCallbacks {

  private final ObjectMapper mapper;
  private final OutboundPosts posts;

  @Inject
  public TuxSuiteCallbacks(ObjectMapper mapper, RunnerConfig config) {
    this.mapper = mapper;
    this.posts =
        new OutboundPosts(config.callbackTimeout(), config.callbackRetryBackoff(), "sim-tuxsuite");
  }

  ScheduledFuture<?> after(long delayMs, Runnable task) {
    return posts.after(delayMs, task);
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
    posts.deliver(post(job, body, signature), job::callbackStatus, "callback of job " + job.uid());
  }

  /** The job's last callback again, byte for byte, once; completes with the HTTP status. */
  CompletableFuture<Integer> redeliver(TuxJob job) {
    return posts.once(post(job, job.lastCallback(), job.lastSignature()), job::callbackStatus);
  }

  private static OutboundPosts.Post post(TuxJob job, String body, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(TuxSuiteSimulator.SIGNATURE_HEADER, signature);
    headers.putAll(job.callbackHeaders());
    return new OutboundPosts.Post(
        URI.create(job.callbackUrl()), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  static String describe(Throwable error) {
    return OutboundPosts.describe(error);
  }

  @PreDestroy
  void stop() {
    posts.close();
  }
}
