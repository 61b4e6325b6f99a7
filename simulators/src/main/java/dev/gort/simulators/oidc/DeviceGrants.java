package dev.gort.simulators.oidc;

import dev.gort.simulators.oidc.DeviceAuthorization.Poll;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The device authorizations the realm holds, in memory and at most {@code max-codes} of them. An
 * expired one is kept for one more lifetime so that its device hears expired_token rather than
 * invalid_grant; an approved, denied or expired one answers one poll and is gone (the device code
 * is single-use).
 */
@Singleton
public class DeviceGrants {

  /** A poll's answer; the username when approved. */
  public record Answer(Poll poll, String username) {}

  private final Duration lifetime;
  private final Duration interval;
  private final int maxCodes;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, DeviceAuthorization> byDeviceCode = new LinkedHashMap<>();
  private final Map<String, DeviceAuthorization> byUserCode = new HashMap<>();

  @Inject
  public DeviceGrants(OidcConfig config) {
    this(
        config.oidc().device().codeLifetime(),
        config.oidc().device().interval(),
        config.oidc().device().maxCodes());
  }

  DeviceGrants(Duration lifetime, Duration interval, int maxCodes) {
    this.lifetime = lifetime;
    this.interval = interval;
    this.maxCodes = maxCodes;
  }

  /**
   * A new pending authorization for {@code clientId}.
   *
   * @throws TokenRequestRejected {@link TokenRejection#TOO_MANY_DEVICE_CODES} when full
   */
  public synchronized DeviceAuthorization start(String clientId, Instant now) {
    forgetExpired(now.minus(lifetime));
    if (byDeviceCode.size() >= maxCodes) {
      forgetExpired(now);
    }
    if (byDeviceCode.size() >= maxCodes) {
      throw new TokenRequestRejected(TokenRejection.TOO_MANY_DEVICE_CODES, clientId);
    }
    String userCode;
    do {
      userCode = UserCode.generate(random);
    } while (byUserCode.containsKey(UserCode.normalize(userCode).orElseThrow()));
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String deviceCode = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    DeviceAuthorization authorization =
        new DeviceAuthorization(deviceCode, userCode, clientId, now, lifetime, interval);
    byDeviceCode.put(deviceCode, authorization);
    byUserCode.put(UserCode.normalize(userCode).orElseThrow(), authorization);
    return authorization;
  }

  /** Empty for a device code never issued, already answered, or issued to another client. */
  public synchronized Optional<Answer> poll(String deviceCode, String clientId, Instant now) {
    DeviceAuthorization authorization = byDeviceCode.get(deviceCode);
    if (authorization == null || !authorization.clientId().equals(clientId)) {
      return Optional.empty();
    }
    Poll poll = authorization.poll(now);
    if (poll == Poll.APPROVED || poll == Poll.DENIED || poll == Poll.EXPIRED) {
      forget(authorization);
    }
    return Optional.of(new Answer(poll, authorization.username()));
  }

  /**
   * The user's decision on the code they typed.
   *
   * @return false when no pending, unexpired authorization has that user code
   */
  public synchronized boolean decide(
      String typedUserCode, String username, boolean approve, Instant now) {
    return UserCode.normalize(typedUserCode)
        .map(byUserCode::get)
        .map(authorization -> authorization.decide(username, approve, now))
        .orElse(false);
  }

  synchronized int size() {
    return byDeviceCode.size();
  }

  private void forgetExpired(Instant expiredBy) {
    Iterator<DeviceAuthorization> it = byDeviceCode.values().iterator();
    while (it.hasNext()) {
      DeviceAuthorization authorization = it.next();
      if (authorization.isExpired(expiredBy)) {
        it.remove();
        byUserCode.remove(UserCode.normalize(authorization.userCode()).orElseThrow());
      }
    }
  }

  private void forget(DeviceAuthorization authorization) {
    byDeviceCode.remove(authorization.deviceCode());
    byUserCode.remove(UserCode.normalize(authorization.userCode()).orElseThrow());
  }
}
