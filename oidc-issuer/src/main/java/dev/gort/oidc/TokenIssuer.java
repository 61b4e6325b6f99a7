package dev.gort.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Mints RS256 JWT access tokens for one issuer URL with the claims Keycloak puts in an access
 * token, in Keycloak's order: {@code exp iat jti iss aud sub typ azp realm_access scope
 * preferred_username email}; and ID tokens (OpenID Connect Core section 2) with Keycloak's {@code
 * exp iat auth_time jti iss aud sub typ azp nonce preferred_username email}.
 */
public final class TokenIssuer {

  private final String issuerUrl;
  private final SigningKey key;

  public TokenIssuer(String issuerUrl, SigningKey key) {
    this.issuerUrl = issuerUrl;
    this.key = key;
  }

  /** The {@code iss} of every token, e.g. {@code http://127.0.0.1:8090/realms/gort}. */
  public String issuerUrl() {
    return issuerUrl;
  }

  public SigningKey key() {
    return key;
  }

  /** A signed compact JWT valid from {@code issuedAt} for {@code lifetime}. */
  public String mint(TokenClaims claims, Instant issuedAt, Duration lifetime) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("exp", issuedAt.plus(lifetime).getEpochSecond());
    payload.put("iat", issuedAt.getEpochSecond());
    payload.put("jti", UUID.randomUUID().toString());
    payload.put("iss", issuerUrl);
    payload.put("aud", claims.audience());
    payload.put("sub", claims.subject());
    payload.put("typ", "Bearer");
    payload.put("azp", claims.authorizedParty());
    payload.put("realm_access", Map.of("roles", claims.roles()));
    payload.put("scope", claims.scope());
    payload.put("preferred_username", claims.username());
    if (claims.email() != null) {
      payload.put("email", claims.email());
    }
    return sign(payload);
  }

  /**
   * A signed ID token for the user of {@code claims}: its audience is the client that asked ({@code
   * claims.authorizedParty()}), not the access token's audience.
   *
   * @param nonce the authentication request's nonce, or null when it had none (the claim is then
   *     left out)
   * @param authTime when the user typed their password
   */
  public String mintIdToken(
      TokenClaims claims, String nonce, Instant authTime, Instant issuedAt, Duration lifetime) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("exp", issuedAt.plus(lifetime).getEpochSecond());
    payload.put("iat", issuedAt.getEpochSecond());
    payload.put("auth_time", authTime.getEpochSecond());
    payload.put("jti", UUID.randomUUID().toString());
    payload.put("iss", issuerUrl);
    payload.put("aud", claims.authorizedParty());
    payload.put("sub", claims.subject());
    payload.put("typ", "ID");
    payload.put("azp", claims.authorizedParty());
    if (nonce != null) {
      payload.put("nonce", nonce);
    }
    payload.put("preferred_username", claims.username());
    if (claims.email() != null) {
      payload.put("email", claims.email());
    }
    return sign(payload);
  }

  private String sign(Map<String, Object> payload) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", key.keyId());
    String signingInput = Json.base64UrlJson(header) + "." + Json.base64UrlJson(payload);
    byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + Json.base64Url(signature);
  }
}
