package dev.gort.simulators.oidc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Client credentials from an {@code Authorization: Basic} header. RFC 6749 section 2.3.1 has the
 * client id and secret form-encoded before they are joined with ':', and Keycloak decodes them so.
 */
record BasicAuthorization(String clientId, String secret) {

  /** Empty when the header is not Basic or cannot be decoded. */
  static Optional<BasicAuthorization> parse(String header) {
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BasicAuthorization(
              URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
              URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "BasicAuthorization[clientId=" + clientId + ", secret=***]";
  }
}
