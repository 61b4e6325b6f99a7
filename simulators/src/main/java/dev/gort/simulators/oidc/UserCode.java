package dev.gort.simulators.oidc;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The code a user types on the verification page (RFC 8628 section 6.1): eight letters of the
 * base-20 consonant alphabet the RFC suggests (no vowels, so no words; no 0/O or 1/I to confuse),
 * about 34.5 bits, shown as {@code XXXX-XXXX}. What the user types is read case-insensitively and
 * with any dashes or spaces left out.
 */
final class UserCode {

  static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
  static final int LENGTH = 8;

  private UserCode() {}

  /** A new code in its display form, {@code XXXX-XXXX}. */
  static String generate(SecureRandom random) {
    StringBuilder code = new StringBuilder(LENGTH + 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i == LENGTH / 2) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** The code without separators in upper case, or empty when it cannot be a user code. */
  static Optional<String> normalize(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(code);
  }
}
