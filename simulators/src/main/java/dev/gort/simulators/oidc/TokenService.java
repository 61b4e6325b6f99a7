package dev.gort.simulators.oidc;

import static dev.gort.simulators.oidc.TokenRejection.DEVICE_GRANT_DISABLED;
import static dev.gort.simulators.oidc.TokenRejection.DUPLICATED_PARAMETER;
import static dev.gort.simulators.oidc.TokenRejection.INVALID_USER_CREDENTIALS;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_DEVICE_CODE;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_GRANT_TYPE;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_USERNAME;
import static dev.gort.simulators.oidc.TokenRejection.NO_DIRECT_ACCESS_GRANTS;
import static dev.gort.simulators.oidc.TokenRejection.PUBLIC_CLIENT_SERVICE_ACCOUNT;
import static dev.gort.simulators.oidc.TokenRejection.UNSUPPORTED_GRANT_TYPE;

import dev.gort.oidc.DiscoveryDocument;
import dev.gort.oidc.TokenClaims;
import dev.gort.simulators.oidc.OidcConfig.Client;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers token requests in the order Keycloak checks them: grant type, client authentication,
 * duplicated parameters, then the grant itself. Public clients may use the password grant;
 * confidential clients get a service-account token (client_credentials), as a Keycloak client with
 * "Direct access grants" on a public client and "Service accounts" on a confidential one. A client
 * with the device grant enabled exchanges an approved device code for its user's token.
 */
@Singleton
public class TokenService {

  static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

  private static final Set<String> GRANT_TYPES =
      Set.of("password", "client_credentials", DiscoveryDocument.DEVICE_CODE_GRANT);

  private final RealmIssuer realm;
  private final OidcConfig.Oidc config;
  private final ClientAuthenticator clients;
  private final RealmUsers users;
  private final DeviceGrants devices;
  private final Clock clock;

  @Inject
  public TokenService(
      RealmIssuer realm,
      OidcConfig config,
      ClientAuthenticator clients,
      RealmUsers users,
      DeviceGrants devices,
      Clock clock) {
    this.realm = realm;
    this.config = config.oidc();
    this.clients = clients;
    this.users = users;
    this.devices = devices;
    this.clock = clock;
  }

  /**
   * @param form the decoded form parameters, each with all its values
   * @param authorization the Authorization header, or null
   */
  public TokenResponse grant(Map<String, List<String>> form, String authorization) {
    String grantType = Forms.first(form, "grant_type");
    if (grantType == null) {
      throw new TokenRequestRejected(MISSING_GRANT_TYPE, null);
    }
    if (!GRANT_TYPES.contains(grantType)) {
      throw new TokenRequestRejected(UNSUPPORTED_GRANT_TYPE, null);
    }
    String clientId = clients.authenticate(form, authorization);
    if (Forms.hasDuplicates(form)) {
      throw new TokenRequestRejected(DUPLICATED_PARAMETER, clientId);
    }
    TokenClaims claims;
    if (grantType.equals("password")) {
      claims = user(clientId, form);
    } else if (grantType.equals("client_credentials")) {
      claims = serviceAccount(clientId);
    } else {
      claims = deviceUser(clientId, form);
    }
    Duration lifetime = config.tokenLifetime();
    String token = realm.issuer().mint(claims, clock.instant(), lifetime);
    return new TokenResponse(token, lifetime.toSeconds(), 0, "Bearer", 0, claims.scope());
  }

  private TokenClaims user(String clientId, Map<String, List<String>> form) {
    if (!clients.client(clientId).publicClient()) {
      throw new TokenRequestRejected(NO_DIRECT_ACCESS_GRANTS, clientId);
    }
    String login = Forms.first(form, "username");
    if (login == null) {
      throw new TokenRequestRejected(MISSING_USERNAME, clientId);
    }
    String username =
        users
            .authenticate(login, Forms.first(form, "password"))
            .orElseThrow(() -> new TokenRequestRejected(INVALID_USER_CREDENTIALS, clientId));
    return users.claims(username, clientId);
  }

  private TokenClaims serviceAccount(String clientId) {
    Client client = clients.client(clientId);
    if (client.publicClient()) {
      throw new TokenRequestRejected(PUBLIC_CLIENT_SERVICE_ACCOUNT, clientId);
    }
    String username = SERVICE_ACCOUNT_PREFIX + clientId;
    return TokenClaims.of(
        username, null, client.roles().orElse(List.of()), config.audience(), clientId);
  }

  // RFC 8628 section 3.4 and 3.5
  private TokenClaims deviceUser(String clientId, Map<String, List<String>> form) {
    if (!clients.client(clientId).deviceGrant()) {
      throw new TokenRequestRejected(DEVICE_GRANT_DISABLED, clientId);
    }
    String deviceCode = Forms.first(form, "device_code");
    if (deviceCode == null) {
      throw new TokenRequestRejected(MISSING_DEVICE_CODE, clientId);
    }
    DeviceGrants.Answer answer =
        devices
            .poll(deviceCode, clientId, clock.instant())
            .orElseThrow(
                () -> new TokenRequestRejected(TokenRejection.INVALID_DEVICE_CODE, clientId));
    switch (answer.poll()) {
      case APPROVED:
        return users.claims(answer.username(), clientId);
      case PENDING:
        throw new TokenRequestRejected(TokenRejection.AUTHORIZATION_PENDING, clientId);
      case SLOW_DOWN:
        throw new TokenRequestRejected(TokenRejection.SLOW_DOWN, clientId);
      case DENIED:
        throw new TokenRequestRejected(TokenRejection.ACCESS_DENIED, clientId);
      case EXPIRED:
      default:
        throw new TokenRequestRejected(TokenRejection.EXPIRED_TOKEN, clientId);
    }
  }
}
