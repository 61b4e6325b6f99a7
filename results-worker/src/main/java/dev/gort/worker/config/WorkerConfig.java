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

  /**
   * Longest one results fetch may take in all (redirects and body included); the outbound guard's
   * {@code gort.outbound.deadline} caps it.
   */
  @WithDefault("PT10S")
  Duration fetchTimeout();

  /** Largest results document accepted, in bytes; reading stops as soon as it is passed. */
  @WithDefault("10485760")
  int maxResultsBytes();
}
