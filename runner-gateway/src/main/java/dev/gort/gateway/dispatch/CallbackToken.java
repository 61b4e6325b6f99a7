package dev.gort.gateway.dispatch;

import dev.gort.common.signature.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret in an attempt's callback URL ({@code &token=}): 256 random bits, unguessable, so that
 * knowing an attempt's id is not enough to report for it. Only its SHA-256 is stored; a presented
 * token is compared with it in constant time.
 */
public final class CallbackToken {

  private static final SecureRandom RANDOM = new SecureRandom();

  private CallbackToken() {}

  /** A new token, URL-safe. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** What is stored of {@code token}. */
  public static String hash(String token) {
    return Sha256.hex(token);
  }

  /** Whether {@code presented} is the token whose hash is {@code stored}, in constant time. */
  public static boolean matches(String presented, String stored) {
    if (presented == null || stored == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(presented).getBytes(StandardCharsets.US_ASCII),
        stored.getBytes(StandardCharsets.US_ASCII));
  }
}
