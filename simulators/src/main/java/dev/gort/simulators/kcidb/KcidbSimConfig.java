package dev.gort.simulators.kcidb;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The simulated KCIDB submission endpoint's settings ({@code gort.sim.kcidb.*}), documented in
 * application.properties.
 */
@ConfigMapping(prefix = "gort.sim.kcidb")
public interface KcidbSimConfig {

  /** The one token it accepts ({@code Authorization: Bearer …}); empty: every submission is 401. */
  Optional<String> token();
}
