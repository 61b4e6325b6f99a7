package dev.gort.simulators.ai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The simulated model's settings ({@code gort.sim.ai.*}), documented in application.properties. */
@ConfigMapping(prefix = "gort.sim.ai")
public interface AiSimConfig {

  /** The one API key it accepts ({@code Authorization: Bearer …}); every other call is 401. */
  @WithDefault("sim-model-key")
  String apiKey();

  /** The model {@code GET /v1/models} lists; a request may name any model, which is echoed. */
  @WithDefault("gpt-4o-mini")
  String model();

  /** How long an answer in mode {@code timeout} takes: longer than any client waits. */
  @WithDefault("PT30S")
  Duration timeoutDelay();
}
