package dev.gort.cli.auth;

import java.time.Instant;

/**
 * A login as cached under gort's home: who, at which issuer and client, the access token and when
 * it expires, and a refresh token if the issuer gave one.
 */
public record StoredToken(
    String issuer,
    String clientId,
    String username,
    String accessToken,
    Instant expiresAt,
    String refreshToken,
    Instant refreshExpiresAt) {

  /** Whether the access token is still good at {@code now}, with {@code margin} to spare. */
  public boolean usableAt(Instant now, java.time.Duration margin) {
    return expiresAt != null && now.plus(margin).isBefore(expiresAt);
  }

  /** Whether a refresh token is there and still good at {@code now}. */
  public boolean refreshableAt(Instant now) {
    return refreshToken != null
        && !refreshToken.isBlank()
        && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt));
  }

  @Override
  public String toString() {
    return "StoredToken[issuer="
        + issuer
        + ", clientId="
        + clientId
        + ", username="
        + username
        + ", accessToken=***, expiresAt="
        + expiresAt
        + ", refreshToken="
        + (refreshToken == null ? "none" : "***")
        + "]";
  }
}
