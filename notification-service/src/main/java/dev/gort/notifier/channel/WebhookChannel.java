package dev.gort.notifier.channel;

import dev.gort.common.signature.HmacSignature;
import dev.gort.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A generic webhook: the notification as a JSON document (rendered when it was queued, so every try
 * posts the same bytes) with {@code X-Gort-Delivery: <delivery id>}, the same on every try, and
 * {@code X-Gort-Signature: sha256=<hex HMAC-SHA256 of the raw body>} keyed by {@code
 * gort.notifier.webhook-secret}. The receiver verifies the signature over the exact bytes it got
 * and drops a delivery id it has seen. Without a secret nothing is posted: the notification fails,
 * saying so.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

  public static final String CODE = "webhook";
  public static final String DELIVERY_HEADER = "X-Gort-Delivery";
  public static final String SIGNATURE_HEADER = "X-Gort-Signature";

  @Inject HookPoster poster;
  @Inject NotifierConfig config;

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public void send(Outgoing notification) {
    String secret = config.webhookSecret().filter(s -> !s.isBlank()).orElse(null);
    if (secret == null) {
      throw ChannelFailure.permanent(
          "no webhook secret is configured (gort.notifier.webhook-secret): webhooks are not sent"
              + " unsigned");
    }
    byte[] body = notification.body().getBytes(StandardCharsets.UTF_8);
    poster.post(
        "webhook",
        notification.destination(),
        notification.body(),
        Map.of(
            DELIVERY_HEADER,
            notification.deliveryId(),
            SIGNATURE_HEADER,
            HmacSignature.sign(secret, body)));
  }
}
