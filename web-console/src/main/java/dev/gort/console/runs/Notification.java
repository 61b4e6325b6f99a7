package dev.gort.console.runs;

import java.time.Instant;

/** {@code GET /api/v1/notifications?run=}: a notification the notifier sent (or tries to). */
public record Notification(
    String id,
    String channel,
    String destination,
    String subject,
    String state,
    int tries,
    String lastError,
    Instant createdDateTime,
    Instant sentDateTime) {}
