package dev.gort.simulators.tuxsuite;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The simulated TuxSuite's settings ({@code gort.sim.tuxsuite.*}), documented in
 * application.properties.
 */
@ConfigMapping(prefix = "gort.sim.tuxsuite")
public interface TuxSuiteSimConfig {

  /** The one token the API accepts ({@code Authorization: <token>}); empty: every call is 401. */
  Optional<String> token();

  /**
   * The key that signs callbacks: an EC P-256 private key, PKCS#8 DER, base64 on one line; empty:
   * one is generated at start.
   */
  Optional<String> privateKey();
}
