package dev.gort.simulators.webhooks;

import java.util.Map;

/** One request the webhook sink received; header names are lower-cased. */
public record WebhookDelivery(
    String name, Map<String, String> headers, String body, String receivedAt) {}
