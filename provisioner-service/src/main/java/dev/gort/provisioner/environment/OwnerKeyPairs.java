package dev.gort.provisioner.environment;

import dev.gort.common.signature.Sha256;
import java.util.Arrays;

/**
 * Key pairs named by owners: every owner shares Gort's one cloud project, so a name an owner gives
 * is stored as {@code gort-u<digest of the owner>-<name>}, and no owner can reach (or replace) a
 * key pair of another's.
 */
final class OwnerKeyPairs {

  private static final int DIGEST_CHARS = 12;

  private OwnerKeyPairs() {}

  static String cloudName(String owner, String name) {
    return "gort-u" + Sha256.hex(owner).substring(0, DIGEST_CHARS) + "-" + name;
  }

  /** Whether two OpenSSH public key lines hold the same key (type and key; comments aside). */
  static boolean sameKey(String stored, String given) {
    if (stored == null || given == null) {
      return false;
    }
    return Arrays.equals(keyPart(stored), keyPart(given));
  }

  private static String[] keyPart(String line) {
    String[] parts = line.strip().split("\\s+");
    return parts.length < 2 ? parts : new String[] {parts[0], parts[1]};
  }
}
