package dev.gort.simulators.oidc;

import static dev.gort.simulators.oidc.TokenRejection.DEVICE_GRANT_DISABLED;
import static dev.gort.simulators.oidc.TokenRejection.DUPLICATED_PARAMETER;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The device authorization endpoint (RFC 8628 section 3.1 and 3.2), checked as Keycloak's
 * DeviceEndpoint does: the client authenticated as at the token endpoint, then whether the device
 * grant is enabled for it. The scope asked for is accepted and the token has the realm's default
 * scope, as with the password grant.
 */
@Singleton
public class DeviceAuthorizationService {

  /** Keycloak's verification page, under the issuer URL. */
  public static final String VERIFICATION_PATH = "/device";

  private final RealmIssuer realm;
  private final ClientAuthenticator clients;
  private final DeviceGrants devices;
  private final Clock clock;

  @Inject
  public DeviceAuthorizationService(
      RealmIssuer realm, ClientAuthenticator clients, DeviceGrants devices, Clock clock) {
    this.realm = realm;
    this.clients = clients;
    this.devices = devices;
    this.clock = clock;
  }

  public DeviceAuthorizationResponse start(Map<String, List<String>> form, String authorization) {
    String clientId = clients.authenticate(form, authorization);
    if (Forms.hasDuplicates(form)) {
      throw new TokenRequestRejected(DUPLICATED_PARAMETER, clientId);
    }
    if (!clients.client(clientId).deviceGrant()) {
      throw new TokenRequestRejected(DEVICE_GRANT_DISABLED, clientId);
    }
    var now = clock.instant();
    DeviceAuthorization started = devices.start(clientId, now);
    String verificationUri = realm.issuer().issuerUrl() + VERIFICATION_PATH;
    return new DeviceAuthorizationResponse(
        started.deviceCode(),
        started.userCode(),
        verificationUri,
        verificationUri
            + "?user_code="
            + URLEncoder.encode(started.userCode(), StandardCharsets.UTF_8),
        Duration.between(now, started.expiresAt()).toSeconds(),
        started.interval().toSeconds());
  }
}
