package dev.gort.simulators.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.simulators.web.OutboundPosts;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The side effect of the sim runner: POSTing its signed callbacks to Gort through {@link
 * OutboundPosts} (a connection error or a 5xx retried three times, back-off 1 s, 2 s, 4 s by
 * default; any other answer final).
 */
@Singleton
public class CallbackSender {

  private final ObjectMapper mapper;
  private final CallbackSigner signer;
  private final OutboundPosts posts;

  @Inject
  public CallbackSender(ObjectMapper mapper, CallbackSigner signer, RunnerConfig config) {
    this.mapper = mapper;
    this.signer = signer;
    this.posts =
        new OutboundPosts(config.callbackTimeout(), config.callbackRetryBackoff(), "sim-callbacks");
  }

  /** Runs {@code task} after the delay on the callback timer, never on a request thread. */
  ScheduledFuture<?> after(long delayMs, Runnable task) {
    return posts.after(delayMs, task);
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
    posts.deliver(post(job, sent), progress(job), "callback of job " + job.jobId());
  }

  /** Sends the job's last callback again, byte for byte, once; completes with the HTTP status. */
  CompletableFuture<Integer> redeliver(Job job, SentCallback sent) {
    return posts.once(post(job, sent), progress(job));
  }

  private static OutboundPosts.Post post(Job job, SentCallback sent) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (sent.signature() != null) {
      headers.put(CallbackSigner.HEADER, sent.signature());
    }
    return new OutboundPosts.Post(URI.create(job.request().callbackUrl()), headers, sent.body());
  }

  private static OutboundPosts.Progress progress(Job job) {
    return new OutboundPosts.Progress() {
      @Override
      public void status(String status) {
        job.callbackStatus(status);
      }

      @Override
      public void answered(int status) {
        job.answered();
      }
    };
  }

  static String describe(Throwable error) {
    return OutboundPosts.describe(error);
  }

  @PreDestroy
  void stop() {
    posts.close();
  }
}
