package dev.gort.provisioner.cloud;

import java.time.Instant;
import java.util.Objects;

/**
 * A Blazar lease for one host of {@code nodeType} from {@code start} to {@code end} (sent in UTC to
 * the minute, {@code YYYY-MM-DD HH:MM}); seed 004 step 5: start = now + 2 min.
 */
public record LeaseRequest(String name, Instant start, Instant end, String nodeType) {

  public LeaseRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(nodeType, "nodeType");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a lease ends after it starts");
    }
  }
}
