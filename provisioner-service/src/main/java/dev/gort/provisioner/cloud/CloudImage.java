package dev.gort.provisioner.cloud;

import java.time.Instant;

/**
 * A Glance image: {@code sizeBytes} 0 and {@code createdAt} null when Glance did not say; {@code
 * osDistro} / {@code osVersion} from the image's properties, null if absent.
 */
public record CloudImage(
    String id,
    String name,
    long sizeBytes,
    int minDiskGb,
    int minRamMb,
    Instant createdAt,
    String osDistro,
    String osVersion,
    String status,
    String visibility) {}
