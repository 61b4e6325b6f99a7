package dev.gort.common.workqueue;

import dev.gort.common.time.StoredTime;
import java.time.Duration;
import java.time.Instant;

/**
 * A claim on one row until {@code until}, kept in the row itself (a "next try at" or "claimed
 * until" column): other claimers skip the row until then. The instant is stored precision, so the
 * recorder recognises its own lease by equality with what the row holds.
 */
public record Lease(Instant until) {

  /** A lease of {@code length} from {@code now}. */
  public static Lease of(Instant now, Duration length) {
    return new Lease(StoredTime.of(now.plus(length)));
  }

  /** Whether the row's stored claim is still this lease (nobody claimed the row again since). */
  public boolean holds(Instant stored) {
    return until.equals(stored);
  }
}
