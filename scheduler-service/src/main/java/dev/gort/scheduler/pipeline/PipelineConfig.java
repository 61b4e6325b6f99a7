package dev.gort.scheduler.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Pipeline runs ({@code gort.scheduler.pipeline.*}); each documented in application.properties. */
@ConfigMapping(prefix = "gort.scheduler.pipeline")
public interface PipelineConfig {

  /** How many jobs of one run may run at once (0: no limit). */
  @WithDefault("4")
  int maxParallel();
}
