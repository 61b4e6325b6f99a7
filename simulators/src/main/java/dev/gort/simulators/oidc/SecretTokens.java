package dev.gort.simulators.oidc;

import java.security.SecureRandom;
import java.util.Base64;

/** Random opaque values (256 bits, base64url) for login ids, codes and refresh tokens. */
final class SecretTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretTokens() {}

  static String next() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
