package dev.gort.provisioner.decision;

import java.time.Instant;

/**
 * One image a final choice may fall on (seed 004, stage 2B), with the details Glance gives.
 *
 * @param createdAt when the image was uploaded; null when unknown
 */
public record ImageOption(
    String id, String name, long sizeBytes, int minDiskGb, int minRamMb, Instant createdAt) {}
