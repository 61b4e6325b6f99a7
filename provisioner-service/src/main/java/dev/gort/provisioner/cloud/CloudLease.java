package dev.gort.provisioner.cloud;

import java.time.Instant;

/**
 * A Blazar lease: {@code reservationId} is its first reservation's id (what Nova's scheduler hint
 * needs — not the lease id), null while Blazar has none; {@code rawStatus} as Blazar wrote it.
 */
public record CloudLease(
    String id,
    String name,
    LeaseStatus status,
    String rawStatus,
    String reservationId,
    Instant start,
    Instant end) {}
