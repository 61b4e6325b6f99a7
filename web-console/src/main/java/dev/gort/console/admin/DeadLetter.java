package dev.gort.console.admin;

import java.time.Instant;

/** A record a service's consumers could never process, as {@code GET /api/v1/dead-letters}. */
public record DeadLetter(
    String id,
    String sourceTopic,
    Integer sourcePartition,
    Long sourceOffset,
    String key,
    String eventId,
    String eventType,
    String reason,
    String payload,
    int payloadBytes,
    Instant receivedDateTime,
    Instant replayedDateTime,
    int replays) {}
