package dev.gort.gateway.runner.sim;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Runner {@code sim}'s settings ({@code gort.runner.sim.*}), documented in application.properties.
 */
@ConfigMapping(prefix = "gort.runner.sim")
public interface SimRunnerConfig {

  /** HMAC secret of the runner's callbacks; without one the runner is not configured. */
  Optional<String> secret();
}
