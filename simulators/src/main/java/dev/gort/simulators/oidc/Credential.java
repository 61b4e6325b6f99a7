package dev.gort.simulators.oidc;

import dev.gort.common.signature.Sha256;
import java.security.MessageDigest;
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
    return configured
        .filter(s -> !s.isEmpty())
        .map(s -> new Credential(Sha256.digest(s)))
        .orElse(NONE);
  }

  boolean matches(String presented) {
    boolean equal =
        MessageDigest.isEqual(
            Sha256.digest(presented == null ? "" : presented), digest == null ? NO_DIGEST : digest);
    return equal && digest != null && presented != null;
  }
}
