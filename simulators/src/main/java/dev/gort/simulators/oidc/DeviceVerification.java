package dev.gort.simulators.oidc;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * A user's answer on the verification page (RFC 8628 section 3.3): their credentials first, so the
 * page tells nobody without them whether a user code exists, then the decision on that code.
 */
@Singleton
public class DeviceVerification {

  public enum Outcome {
    APPROVED,
    DENIED,
    INVALID_CREDENTIALS,
    UNKNOWN_CODE
  }

  private final RealmUsers users;
  private final DeviceGrants devices;
  private final Clock clock;

  @Inject
  public DeviceVerification(RealmUsers users, DeviceGrants devices, Clock clock) {
    this.users = users;
    this.devices = devices;
    this.clock = clock;
  }

  public Outcome decide(String userCode, String login, String password, boolean approve) {
    return users
        .authenticate(login, password)
        .map(
            username -> {
              if (!devices.decide(userCode, username, approve, clock.instant())) {
                return Outcome.UNKNOWN_CODE;
              }
              return approve ? Outcome.APPROVED : Outcome.DENIED;
            })
        .orElse(Outcome.INVALID_CREDENTIALS);
  }
}
