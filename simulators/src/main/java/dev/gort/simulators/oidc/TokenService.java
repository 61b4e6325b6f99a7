package dev.gort.simulators.oidc;

import static dev.gort.simulators.oidc.TokenRejection.DEVICE_GRANT_DISABLED;
import static dev.gort.simulators.oidc.TokenRejection.DUPLICATED_PARAMETER;
import static dev.gort.simulators.oidc.TokenRejection.INVALID_CODE;
import static dev.gort.simulators.oidc.TokenRejection.INVALID_REFRESH_TOKEN;
import static dev.gort.simulators.oidc.TokenRejection.INVALID_USER_CREDENTIALS;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_CODE;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_CODE_VERIFIER;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_DEVICE_CODE;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_GRANT_TYPE;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_REFRESH_TOKEN;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_USERNAME;
import static dev.gort.simulators.oidc.TokenRejection.NO_DIRECT_ACCESS_GRANTS;
import static dev.gort.simulators.oidc.TokenRejection.PKCE_VERIFICATION_FAILED;
import static dev.gort.simulators.oidc.TokenRejection.PUBLIC_CLIENT_SERVICE_ACCOUNT;
import static dev.gort.simulators.oidc.TokenRejection.REDIRECT_URI_MISMATCH;
import static dev.gort.simulators.oidc.TokenRejection.STANDARD_FLOW_DISABLED;
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
 * with the device grant enabled exchanges an approved device code for its user's token. A client
 * with the standard flow enabled exchanges an authorization code (with its PKCE verifier) for its
 * user's access token, ID token and refresh token, and a refresh token for new ones.
 */
@Singleton
public class TokenService {

  static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

  /** What the code flow grants, whatever else was asked for: openid and the default scope. */
  static final String CODE_FLOW_SCOPE = "openid " + TokenClaims.DEFAULT_SCOPE;

  private static final Set<String> GRANT_TYPES =
      Set.of(
          "authorization_code",
          "refresh_token",
          "password",
          "client_credentials",
          DiscoveryDocument.DEVICE_CODE_GRANT);

  private final RealmIssuer realm;
  private final OidcConfig.Oidc config;
  private final ClientAuthenticator clients;
  private final RealmUsers users;
  private final DeviceGrants devices;
  private final CodeGrants codes;
  private final RefreshTokens refreshTokens;
  private final Clock clock;

  @Inject
  public TokenService(
      RealmIssuer realm,
      OidcConfig config,
      ClientAuthenticator clients,
      RealmUsers users,
      DeviceGrants devices,
      CodeGrants codes,
      RefreshTokens refreshTokens,
      Clock clock) {
    this.realm = realm;
    this.config = config.oidc();
    this.clients = clients;
    this.users = users;
    this.devices = devices;
    this.codes = codes;
    this.refreshTokens = refreshTokens;
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
    if (grantType.equals("authorization_code")) {
      return signedIn(code(clientId, form));
    }
    if (grantType.equals("refresh_token")) {
      return signedIn(refresh(clientId, form));
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
    return TokenResponse.accessOnly(token, lifetime.toSeconds(), claims.scope());
  }

  // The access token has what the password grant's has; the ID token is for the client.
  private TokenResponse signedIn(SignIn signIn) {
    var now = clock.instant();
    Duration lifetime = config.tokenLifetime();
    TokenClaims claims = users.claims(signIn.username(), signIn.clientId(), signIn.scope());
    return new TokenResponse(
        realm.issuer().mint(claims, now, lifetime),
        lifetime.toSeconds(),
        refreshTokens.lifetime().toSeconds(),
        refreshTokens.issue(signIn, now),
        "Bearer",
        realm.issuer().mintIdToken(claims, signIn.nonce(), signIn.authTime(), now, lifetime),
        0,
        claims.scope());
  }

  // RFC 6749 section 4.1.3 and RFC 7636 section 4.6; the code is gone after this, whatever the
  // outcome, so a code tried with a wrong verifier or redirect URI cannot be tried again.
  private SignIn code(String clientId, Map<String, List<String>> form) {
    if (!clients.client(clientId).standardFlow()) {
      throw new TokenRequestRejected(STANDARD_FLOW_DISABLED, clientId);
    }
    String code = Forms.first(form, "code");
    if (code == null) {
      throw new TokenRequestRejected(MISSING_CODE, clientId);
    }
    CodeGrant grant =
        codes
            .redeem(code, clock.instant())
            .filter(redeemed -> redeemed.request().clientId().equals(clientId))
            .orElseThrow(() -> new TokenRequestRejected(INVALID_CODE, clientId));
    AuthorizationRequest request = grant.request();
    if (!request.redirectUri().equals(Forms.first(form, "redirect_uri"))) {
      throw new TokenRequestRejected(REDIRECT_URI_MISMATCH, clientId);
    }
    String verifier = Forms.first(form, "code_verifier");
    if (verifier == null) {
      throw new TokenRequestRejected(MISSING_CODE_VERIFIER, clientId);
    }
    if (!Pkce.verifies(verifier, request.codeChallenge())) {
      throw new TokenRequestRejected(PKCE_VERIFICATION_FAILED, clientId);
    }
    return new SignIn(
        clientId, grant.username(), CODE_FLOW_SCOPE, request.nonce(), grant.authTime());
  }

  // RFC 6749 section 6: the refresh token is replaced by the one in the answer.
  private SignIn refresh(String clientId, Map<String, List<String>> form) {
    String token = Forms.first(form, "refresh_token");
    if (token == null) {
      throw new TokenRequestRejected(MISSING_REFRESH_TOKEN, clientId);
    }
    return refreshTokens
        .redeem(token, clientId, clock.instant())
        .orElseThrow(() -> new TokenRequestRejected(INVALID_REFRESH_TOKEN, clientId));
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
