package dev.gort.console.web;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret made at start, for a console without {@code GORT_CONSOLE_SESSION_SECRET} outside
 * production (tests): sessions and forms then last only as long as this process.
 */
final class SessionSecret {

  private static final String GENERATED;

  static {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    GENERATED = Base64.getEncoder().encodeToString(bytes);
  }

  private SessionSecret() {}

  static String generated() {
    return GENERATED;
  }
}
