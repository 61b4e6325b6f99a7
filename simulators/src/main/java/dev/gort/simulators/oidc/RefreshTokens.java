package dev.gort.simulators.oidc;

import dev.gort.oidc.TokenClaims;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The code flow's refresh tokens: opaque, in memory, at most {@code max-refresh-tokens} (past it
 * the oldest is forgotten, so a sign-in is never refused for them). Each is used once: its refresh
 * hands out a new one and the old one is refused from then on.
 */
@Singleton
public class RefreshTokens {

  private record Held(SignIn signIn, Instant expiresAt) {}

  private final Duration lifetime;
  private final int maxTokens;
  private final Map<String, Held> tokens = new LinkedHashMap<>();

  @Inject
  public RefreshTokens(OidcConfig config) {
    this(config.oidc().refreshTokenLifetime(), config.oidc().maxRefreshTokens());
  }

  RefreshTokens(Duration lifetime, int maxTokens) {
    this.lifetime = lifetime;
    this.maxTokens = maxTokens;
  }

  Duration lifetime() {
    return lifetime;
  }

  public synchronized String issue(SignIn signIn, Instant now) {
    tokens.values().removeIf(held -> !now.isBefore(held.expiresAt()));
    Iterator<String> oldest = tokens.keySet().iterator();
    while (tokens.size() >= maxTokens && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    String token = SecretTokens.next();
    tokens.put(token, new Held(signIn, now.plus(lifetime)));
    return token;
  }

  /**
   * Takes a refresh token of {@code clientId}'s; empty when never issued, used already, revoked,
   * expired or another client's (which loses it too).
   */
  public synchronized Optional<SignIn> redeem(String token, String clientId, Instant now) {
    Held held = token == null ? null : tokens.remove(token);
    if (held == null
        || !now.isBefore(held.expiresAt())
        || !held.signIn().clientId().equals(clientId)) {
      return Optional.empty();
    }
    return Optional.of(held.signIn());
  }

  /** Forgets every refresh token of the user with {@code subject} at {@code clientId}. */
  public synchronized void revoke(String subject, String clientId) {
    tokens
        .values()
        .removeIf(
            held ->
                held.signIn().clientId().equals(clientId)
                    && TokenClaims.subjectOf(held.signIn().username()).equals(subject));
  }
}
