package dev.gort.simulators.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A configured password or client secret. Presented values are compared by their SHA-256 digests
 * with {@link MessageDigest#isEqual}, so the time taken says nothing about how much matched or how
 * long the secret is. An empty or unset credential matches nothing.
 */
final class Credential {

  static final Credential NONE = new Credential(null);

  private static final byte[] NO_DIGEST = new byte[32];

  private final byte[] digest;

  private Credential(byte[] digest) {
    this.digest = digest;
  }

  static Credential of(Optional<String> configured) {
    return configured.filter(s -> !s.isEmpty()).map(s -> new Credential(sha256(s))).orElse(NONE);
  }

  boolean matches(String presented) {
    boolean equal =
        MessageDigest.isEqual(
            sha256(presented == null ? "" : presented), digest == null ? NO_DIGEST : digest);
    return equal && digest != null && presented != null;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
