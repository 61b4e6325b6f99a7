package dev.gort.simulators.oidc;

import static dev.gort.simulators.oidc.TokenRejection.DUPLICATED_PARAMETER;
import static dev.gort.simulators.oidc.TokenRejection.INVALID_CLIENT_CREDENTIALS;
import static dev.gort.simulators.oidc.TokenRejection.INVALID_USER_CREDENTIALS;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_CLIENT_ID;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_GRANT_TYPE;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_USERNAME;
import static dev.gort.simulators.oidc.TokenRejection.NO_DIRECT_ACCESS_GRANTS;
import static dev.gort.simulators.oidc.TokenRejection.PUBLIC_CLIENT_SERVICE_ACCOUNT;
import static dev.gort.simulators.oidc.TokenRejection.UNKNOWN_CLIENT;
import static dev.gort.simulators.oidc.TokenRejection.UNSUPPORTED_GRANT_TYPE;

import dev.gort.oidc.TokenClaims;
import dev.gort.simulators.oidc.OidcConfig.Client;
import dev.gort.simulators.oidc.OidcConfig.User;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers token requests in the order Keycloak checks them: grant type, client authentication,
 * duplicated parameters, then the grant itself. Public clients may use the password grant;
 * confidential clients get a service-account token (client_credentials), as a Keycloak client with
 * "Direct access grants" on a public client and "Service accounts" on a confidential one.
 */
@Singleton
public class TokenService {

  static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

  private final RealmIssuer realm;
  private final OidcConfig.Oidc config;
  private final Clock clock;

  @Inject
  public TokenService(RealmIssuer realm, OidcConfig config, Clock clock) {
    this.realm = realm;
    this.config = config.oidc();
    this.clock = clock;
  }

  /**
   * @param form the decoded form parameters, each with all its values
   * @param authorization the Authorization header, or null
   */
  public TokenResponse grant(Map<String, List<String>> form, String authorization) {
    String grantType = first(form, "grant_type");
    if (grantType == null) {
      throw new TokenRequestRejected(MISSING_GRANT_TYPE, null);
    }
    if (!grantType.equals("password") && !grantType.equals("client_credentials")) {
      throw new TokenRequestRejected(UNSUPPORTED_GRANT_TYPE, null);
    }
    String clientId = authenticateClient(form, authorization);
    if (form.values().stream().anyMatch(values -> values.size() != 1)) {
      throw new TokenRequestRejected(DUPLICATED_PARAMETER, clientId);
    }
    TokenClaims claims =
        grantType.equals("password") ? user(clientId, form) : serviceAccount(clientId);
    Duration lifetime = config.tokenLifetime();
    String token = realm.issuer().mint(claims, clock.instant(), lifetime);
    return new TokenResponse(token, lifetime.toSeconds(), 0, "Bearer", 0, claims.scope());
  }

  // Keycloak's ClientIdAndSecretAuthenticator: Basic first, form parameters win over it.
  private String authenticateClient(Map<String, List<String>> form, String authorization) {
    String clientId = null;
    String secret = null;
    if (authorization != null) {
      Optional<BasicAuthorization> basic = BasicAuthorization.parse(authorization);
      if (basic.isPresent()) {
        clientId = basic.get().clientId();
        secret = basic.get().secret();
      } else if (!form.containsKey("client_id")) {
        throw new TokenRequestRejected(TokenRejection.BASIC_CHALLENGE, null);
      }
    }
    if (form.containsKey("client_id")) {
      clientId = first(form, "client_id");
    }
    if (form.containsKey("client_secret")) {
      secret = first(form, "client_secret");
    }
    if (clientId == null) {
      throw new TokenRequestRejected(MISSING_CLIENT_ID, null);
    }
    Client client = config.clients().get(clientId);
    if (client == null) {
      throw new TokenRequestRejected(UNKNOWN_CLIENT, clientId);
    }
    if (!client.publicClient() && !Credential.of(client.secret()).matches(secret)) {
      throw new TokenRequestRejected(INVALID_CLIENT_CREDENTIALS, clientId);
    }
    return clientId;
  }

  private TokenClaims user(String clientId, Map<String, List<String>> form) {
    if (!config.clients().get(clientId).publicClient()) {
      throw new TokenRequestRejected(NO_DIRECT_ACCESS_GRANTS, clientId);
    }
    String login = first(form, "username");
    if (login == null) {
      throw new TokenRequestRejected(MISSING_USERNAME, clientId);
    }
    String password = first(form, "password");
    Optional<String> username = findUser(login);
    boolean valid =
        username
            .map(name -> Credential.of(config.users().get(name).password()).matches(password))
            // the same work for an unknown user: the answer time does not tell who exists
            .orElseGet(() -> Credential.NONE.matches(password));
    if (!valid) {
      throw new TokenRequestRejected(INVALID_USER_CREDENTIALS, clientId);
    }
    String name = username.orElseThrow();
    User user = config.users().get(name);
    return TokenClaims.of(
        name,
        user.email().orElse(null),
        user.roles().orElse(List.of()),
        config.audience(),
        clientId);
  }

  // Keycloak logs a user in by username or by email.
  private Optional<String> findUser(String login) {
    if (config.users().containsKey(login)) {
      return Optional.of(login);
    }
    return config.users().entrySet().stream()
        .filter(entry -> entry.getValue().email().filter(login::equalsIgnoreCase).isPresent())
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private TokenClaims serviceAccount(String clientId) {
    Client client = config.clients().get(clientId);
    if (client.publicClient()) {
      throw new TokenRequestRejected(PUBLIC_CLIENT_SERVICE_ACCOUNT, clientId);
    }
    String username = SERVICE_ACCOUNT_PREFIX + clientId;
    return TokenClaims.of(
        username, null, client.roles().orElse(List.of()), config.audience(), clientId);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
