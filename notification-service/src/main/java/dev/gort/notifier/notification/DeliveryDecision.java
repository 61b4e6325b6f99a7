package dev.gort.notifier.notification;

import dev.gort.common.retry.Backoff;
import java.time.Instant;

/**
 * What becomes of a notification whose try failed: tried again at {@code nextTryAt}, or given up
 * ({@code failed}). A plain function of the try's count, whether the failure can pass, and now.
 */
record DeliveryDecision(boolean failed, Instant nextTryAt) {

  /**
   * @param tries the tries made, this one included
   * @param permanent whether the failure says trying again cannot help
   */
  static DeliveryDecision after(
      int tries, int maxTries, boolean permanent, Backoff backoff, Instant now) {
    if (permanent || tries >= maxTries) {
      return new DeliveryDecision(true, null);
    }
    return new DeliveryDecision(false, now.plus(backoff.after(tries)));
  }
}
