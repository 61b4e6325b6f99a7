package dev.gort.simulators.oidc;

import java.time.Duration;
import java.time.Instant;

/**
 * One device authorization from its device authorization response to its one token: pending until
 * its user approves or denies it on the verification page, answered at every poll by {@link #poll}.
 * Not thread-safe; {@link DeviceGrants} guards it.
 */
final class DeviceAuthorization {

  /** RFC 8628 section 3.5: "the interval MUST be increased by 5 seconds" after a slow_down. */
  static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

  enum Decision {
    PENDING,
    APPROVED,
    DENIED
  }

  /** What a poll of the token endpoint gets (section 3.5). */
  enum Poll {
    PENDING,
    SLOW_DOWN,
    APPROVED,
    DENIED,
    EXPIRED
  }

  private final String deviceCode;
  private final String userCode;
  private final String clientId;
  private final Instant expiresAt;
  private Duration interval;
  private Instant lastPoll;
  private Decision decision = Decision.PENDING;
  private String username;

  DeviceAuthorization(
      String deviceCode,
      String userCode,
      String clientId,
      Instant issuedAt,
      Duration lifetime,
      Duration interval) {
    this.deviceCode = deviceCode;
    this.userCode = userCode;
    this.clientId = clientId;
    this.expiresAt = issuedAt.plus(lifetime);
    this.interval = interval;
    // the client waits the interval before its first poll too (section 3.5)
    this.lastPoll = issuedAt;
  }

  /**
   * The answer to a poll at {@code now}. A pending authorization polled sooner than the interval
   * after the last poll answers slow_down and the interval grows; a decided one answers its
   * decision however soon it is asked.
   */
  Poll poll(Instant now) {
    if (isExpired(now)) {
      return Poll.EXPIRED;
    }
    boolean tooSoon = now.isBefore(lastPoll.plus(interval));
    lastPoll = now;
    if (decision == Decision.APPROVED) {
      return Poll.APPROVED;
    }
    if (decision == Decision.DENIED) {
      return Poll.DENIED;
    }
    if (tooSoon) {
      interval = interval.plus(SLOW_DOWN_STEP);
      return Poll.SLOW_DOWN;
    }
    return Poll.PENDING;
  }

  /** Records the user's decision; false when the code has expired or was decided already. */
  boolean decide(String username, boolean approve, Instant now) {
    if (isExpired(now) || decision != Decision.PENDING) {
      return false;
    }
    this.decision = approve ? Decision.APPROVED : Decision.DENIED;
    this.username = username;
    return true;
  }

  boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  String deviceCode() {
    return deviceCode;
  }

  String userCode() {
    return userCode;
  }

  String clientId() {
    return clientId;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  Duration interval() {
    return interval;
  }

  /** Who approved it; null unless approved. */
  String username() {
    return decision == Decision.APPROVED ? username : null;
  }
}
