package dev.gort.simulators.oidc;

import dev.gort.common.signature.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange (RFC 7636) with the one method the realm takes, S256. */
final class Pkce {

  static final String S256 = "S256";

  // section 4.1 and 4.2: 43 to 128 unreserved characters
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private Pkce() {}

  static boolean isWellFormed(String challengeOrVerifier) {
    return challengeOrVerifier != null && VALUE.matcher(challengeOrVerifier).matches();
  }

  /** Whether {@code BASE64URL(SHA256(verifier))} is {@code challenge} (section 4.6). */
  static boolean verifies(String verifier, String challenge) {
    if (!isWellFormed(verifier)) {
      return false;
    }
    String computed =
        Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(verifier));
    return MessageDigest.isEqual(
        computed.getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII));
  }
}
