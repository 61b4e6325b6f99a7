package dev.gort.simulators.oidc;

import dev.gort.oidc.TokenClaims;
import dev.gort.simulators.oidc.OidcConfig.User;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The realm's users: who a login and password are, and the claims of a token for them. */
@Singleton
public class RealmUsers {

  private final OidcConfig.Oidc config;

  @Inject
  public RealmUsers(OidcConfig config) {
    this.config = config.oidc();
  }

  /** The username when the password is the user's; empty for a wrong password or unknown login. */
  public Optional<String> authenticate(String login, String password) {
    Optional<String> username = login == null ? Optional.empty() : find(login);
    boolean valid =
        username
            .map(name -> Credential.of(config.users().get(name).password()).matches(password))
            // the same work for an unknown user: the answer time does not tell who exists
            .orElseGet(() -> Credential.NONE.matches(password));
    return valid ? username : Optional.empty();
  }

  /** The claims of a token for {@code username} asked for by {@code clientId}. */
  public TokenClaims claims(String username, String clientId) {
    return claims(username, clientId, TokenClaims.DEFAULT_SCOPE);
  }

  /** The same with another {@code scope}. */
  public TokenClaims claims(String username, String clientId, String scope) {
    User user = config.users().get(username);
    return new TokenClaims(
        TokenClaims.subjectOf(username),
        username,
        user.email().orElse(null),
        user.roles().orElse(List.of()),
        config.audience(),
        clientId,
        scope);
  }

  // Keycloak logs a user in by username or by email.
  private Optional<String> find(String login) {
    if (config.users().containsKey(login)) {
      return Optional.of(login);
    }
    return config.users().entrySet().stream()
        .filter(entry -> entry.getValue().email().filter(login::equalsIgnoreCase).isPresent())
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
