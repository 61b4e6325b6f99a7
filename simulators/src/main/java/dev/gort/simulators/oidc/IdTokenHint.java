package dev.gort.simulators.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.oidc.TokenIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code id_token_hint} of a logout request: an ID token this realm signed. Its expiry does not
 * matter (a user signs out after their ID token expired, and Keycloak takes it so too).
 */
final class IdTokenHint {

  private static final ObjectMapper JSON = new ObjectMapper();

  private IdTokenHint() {}

  /** The hint's claims; empty unless the realm's key signed it as an ID token of this issuer. */
  static Optional<JsonNode> verify(String compact, TokenIssuer issuer) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Base64.Decoder base64Url = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(base64Url.decode(parts[0]));
      boolean signed =
          "RS256".equals(header.path("alg").asText())
              && issuer
                  .key()
                  .verifies(
                      (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                      base64Url.decode(parts[2]));
      if (!signed) {
        return Optional.empty();
      }
      JsonNode claims = JSON.readTree(base64Url.decode(parts[1]));
      if (!issuer.issuerUrl().equals(claims.path("iss").asText())
          || !"ID".equals(claims.path("typ").asText())) {
        return Optional.empty();
      }
      return Optional.of(claims);
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }
}
