package dev.gort.notifier.testing;

import dev.gort.testsupport.AllowListedPort;

/**
 * The loopback port the tests' webhook server ({@link HookServer}) listens on, the one the outbound
 * guard allows.
 */
public class HookServerPort extends AllowListedPort {

  public static final String PORT = "gort.test.hook-port";

  public HookServerPort() {
    super(PORT);
  }
}
