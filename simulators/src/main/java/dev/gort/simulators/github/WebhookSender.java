package dev.gort.simulators.github;

import dev.gort.simulators.runner.RunnerConfig;
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
 * POSTs webhook deliveries the way GitHub's Hookshot does (headers below), off the request threads,
 * and keeps the simulated runs' timers. Like the sim runner's callbacks, a connection error or a
 * 5xx is tried again three times ({@code gort.sim.callback-retry-backoff}, doubling); any other
 * answer is final. Bodies are never logged.
 */
@Singleton
public class WebhookSender {

  static final String USER_AGENT = "GitHub-Hookshot/0a1b2c3";

  private final OutboundPosts posts;

  @Inject
  public WebhookSender(RunnerConfig config) {
    this.posts =
        new OutboundPosts(config.callbackTimeout(), config.callbackRetryBackoff(), "sim-github");
  }

  ScheduledFuture<?> after(long delayMs, Runnable task) {
    return posts.after(delayMs, task);
  }

  /** Delivers, retrying as described; completes (never exceptionally) once it is final. */
  CompletableFuture<Integer> deliver(WebhookDelivery delivery) {
    return posts.deliver(
        post(delivery),
        progress(delivery),
        "webhook " + delivery.guid() + " (" + delivery.event() + ")");
  }

  /** Sends the delivery again once, byte for byte and under its guid; completes with the status. */
  CompletableFuture<Integer> redeliver(WebhookDelivery delivery) {
    return posts.once(post(delivery), progress(delivery));
  }

  // the delivery headers GitHub documents ("Webhook events and payloads", delivery headers)
  private static OutboundPosts.Post post(WebhookDelivery delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", USER_AGENT);
    headers.put("X-GitHub-Event", delivery.event());
    headers.put("X-GitHub-Delivery", delivery.guid());
    headers.put("X-GitHub-Hook-ID", Long.toString(delivery.hookId()));
    headers.put("X-GitHub-Hook-Installation-Target-Type", "repository");
    headers.put("X-GitHub-Hook-Installation-Target-ID", Long.toString(delivery.repositoryId()));
    if (delivery.signature() != null) {
      headers.put("X-Hub-Signature-256", delivery.signature());
    }
    return new OutboundPosts.Post(URI.create(delivery.url()), headers, delivery.body());
  }

  private static OutboundPosts.Progress progress(WebhookDelivery delivery) {
    return new OutboundPosts.Progress() {
      @Override
      public void status(String status) {
        delivery.status(status);
      }

      @Override
      public void answered(int status) {
        delivery.answered();
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
