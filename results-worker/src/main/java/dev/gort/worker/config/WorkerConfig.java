package dev.gort.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Worker settings ({@code gort.worker.*}); each documented in application.properties. */
@ConfigMapping(prefix = "gort.worker")
public interface WorkerConfig {

  /** Tries to fetch and process one run's results before it is an infrastructure failure. */
  @WithDefault("2")
  int processingAttempts();

  /** Pause between two processing tries. */
  @WithDefault("PT1S")
  Duration processingRetryDelay();

  /** Longest wait for a runner's results URL to answer. */
  @WithDefault("PT10S")
  Duration fetchTimeout();

  /** Largest results document accepted, in bytes. */
  @WithDefault("10485760")
  int maxResultsBytes();
}
