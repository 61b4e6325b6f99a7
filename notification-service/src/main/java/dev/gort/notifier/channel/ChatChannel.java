package dev.gort.notifier.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A Slack-compatible incoming webhook: the owner's webhook URL takes a JSON message, {@code
 * {"text": …, "blocks": [section blocks with mrkdwn text]}}, rendered when the notification was
 * queued. Incoming webhooks keep no delivery ids; {@code X-Gort-Delivery} goes along for receivers
 * that do.
 */
@ApplicationScoped
public class ChatChannel implements Channel {

  public static final String CODE = "chat";

  @Inject HookPoster poster;

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public void send(Outgoing notification) {
    poster.post(
        "chat message",
        notification.destination(),
        notification.body(),
        Map.of(WebhookChannel.DELIVERY_HEADER, notification.deliveryId()));
  }
}
