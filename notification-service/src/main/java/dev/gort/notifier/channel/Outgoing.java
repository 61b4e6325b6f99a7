package dev.gort.notifier.channel;

/**
 * A notification as a channel sends it, rendered when it was queued so that every try sends the
 * same message.
 *
 * @param deliveryId the notification's id: the email's Message-ID, the webhook's {@code
 *     X-Gort-Delivery}, the same on every try
 * @param destination an email address, or the URL of a chat or generic webhook
 * @param body the text part of an email; the JSON document posted to a chat or generic webhook
 * @param html an email's HTML part; null for other channels
 */
public record Outgoing(
    String deliveryId, String destination, String subject, String body, String html) {}
