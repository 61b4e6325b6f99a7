package dev.gort.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Claims read from an access token's payload, unverified: only to say who is logged in and until
 * when. The services verify the token; the command line only shows it.
 */
final class JwtClaims {

  private JwtClaims() {}

  static Optional<String> username(String token) {
    return payload(token)
        .map(claims -> Json.text(claims, "preferred_username"))
        .or(() -> payload(token).map(claims -> Json.text(claims, "sub")));
  }

  static Optional<Instant> expiry(String token) {
    return payload(token)
        .filter(claims -> claims.path("exp").canConvertToLong())
        .map(claims -> Instant.ofEpochSecond(claims.path("exp").asLong()));
  }

  private static Optional<JsonNode> payload(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = Json.parseLenient(new String(json, StandardCharsets.UTF_8));
      return claims.isObject() ? Optional.of(claims) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
