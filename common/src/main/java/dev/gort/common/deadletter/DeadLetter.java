package dev.gort.common.deadletter;

import java.time.Instant;

/**
 * One record of the service's dead-letter topic: where it came from, why it could not be processed,
 * and whether it was replayed. {@code eventId} and {@code eventType} are null for a payload that is
 * not a Gort event.
 */
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
