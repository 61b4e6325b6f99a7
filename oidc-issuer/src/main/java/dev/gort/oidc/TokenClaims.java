package dev.gort.oidc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who an access token is for and what it allows: the claims that differ from token to token
 * (issuer, times and id are the {@link TokenIssuer}'s).
 *
 * @param subject {@code sub}, a stable id of the user or service account
 * @param username {@code preferred_username}; {@code service-account-<client id>} for a client
 * @param email {@code email}, or null when unknown (the claim is then left out)
 * @param roles {@code realm_access.roles}
 * @param audience {@code aud}, the service the token is meant for
 * @param authorizedParty {@code azp}, the client that asked for the token
 * @param scope {@code scope}, space-separated
 */
public record TokenClaims(
    String subject,
    String username,
    String email,
    List<String> roles,
    String audience,
    String authorizedParty,
    String scope) {

  /** The scope Keycloak grants by default (its default client scopes {@code profile email}). */
  public static final String DEFAULT_SCOPE = "profile email";

  public TokenClaims {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(authorizedParty, "authorizedParty");
    Objects.requireNonNull(scope, "scope");
    roles = List.copyOf(roles);
  }

  /**
   * The claims of a token for {@code username}, whose subject is derived from it ({@link
   * #subjectOf}), with Keycloak's default scope.
   */
  public static TokenClaims of(
      String username, String email, List<String> roles, String audience, String authorizedParty) {
    return new TokenClaims(
        subjectOf(username), username, email, roles, audience, authorizedParty, DEFAULT_SCOPE);
  }

  /**
   * A subject that stays the same for the same username across restarts (Keycloak's is a random
   * UUID kept in its database; a simulator without one derives it).
   */
  public static String subjectOf(String username) {
    return UUID.nameUUIDFromBytes(("gort-user:" + username).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
