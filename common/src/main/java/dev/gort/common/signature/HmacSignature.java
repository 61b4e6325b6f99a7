package dev.gort.common.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over a request body, written {@code sha256=<hex>} (the form GitHub's
 * {@code X-Hub-Signature-256} uses). Gort's own runners ({@code sim}, {@code local}) sign a
 * callback over the per-attempt token of its URL as well as the body ({@link #signCallback}), so a
 * body signed for one attempt does not verify for another. Comparison is constant-time.
 */
public final class HmacSignature {

  private static final String PREFIX = "sha256=";

  private HmacSignature() {}

  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /** False for a missing, malformed or wrong signature, or an empty secret. */
  public static boolean verify(String secret, byte[] body, String signature) {
    if (secret == null || secret.isEmpty() || signature == null) {
      return false;
    }
    byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  /**
   * The {@code X-Gort-Signature} of a callback: HMAC-SHA256 over the URL's {@code token}, a line
   * feed, and the exact body bytes.
   */
  public static String signCallback(String secret, String token, byte[] body) {
    return sign(secret, callbackBytes(token, body));
  }

  /** False for a missing, malformed or wrong signature, an empty secret or a missing token. */
  public static boolean verifyCallback(String secret, String token, byte[] body, String signature) {
    return token != null && verify(secret, callbackBytes(token, body), signature);
  }

  private static byte[] callbackBytes(String token, byte[] body) {
    byte[] prefix = (token + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return signed;
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
