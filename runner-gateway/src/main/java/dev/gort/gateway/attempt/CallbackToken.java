package dev.gort.gateway.attempt;

import dev.gort.common.signature.Sha256;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.hibernate.query.NativeQuery;

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

  /** Keeps the hash of a hand-over's token with its attempt; in the caller's transaction. */
  public static void remember(EntityManager em, String attemptId, String sha256, Instant at) {
    em.createNativeQuery(
            "INSERT INTO callback_token (attempt_id, sha256, created_at) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, attemptId)
        .setParameter(2, sha256)
        .setParameter(3, at)
        .executeUpdate();
  }

  /**
   * Whether {@code presented} is the token of one of {@code a}'s hand-overs: its latest in constant
   * time, an earlier one by its hash (which tells nothing about any token).
   */
  public static boolean isOneOf(EntityManager em, Attempt a, String presented) {
    if (presented == null) {
      return false;
    }
    if (matches(presented, a.callbackTokenSha256)) {
      return true;
    }
    return !em.createNativeQuery(
            "SELECT 1 FROM callback_token WHERE attempt_id = ?1 AND sha256 = ?2")
        .unwrap(NativeQuery.class)
        // no entity table: no flush of the attempts before it
        .addSynchronizedQuerySpace("callback_token")
        .setParameter(1, a.id)
        .setParameter(2, hash(presented))
        .getResultList()
        .isEmpty();
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
