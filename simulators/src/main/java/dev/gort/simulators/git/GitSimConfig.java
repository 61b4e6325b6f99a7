package dev.gort.simulators.git;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The simulated Git server's settings ({@code gort.sim.git.*}), documented in
 * application.properties.
 */
@ConfigMapping(prefix = "gort.sim.git")
public interface GitSimConfig {

  /** How long a repository with fault {@code slow} holds back its pack. */
  @WithDefault("PT20S")
  Duration slowDelay();
}
