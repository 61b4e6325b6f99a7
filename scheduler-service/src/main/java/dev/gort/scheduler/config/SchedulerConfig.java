package dev.gort.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Scheduler settings ({@code gort.scheduler.*}); each documented in application.properties. */
@ConfigMapping(prefix = "gort.scheduler")
public interface SchedulerConfig {

  /** Runner used when a request names none. */
  @WithDefault("sim")
  String defaultRunner();

  /** Runner codes a request may name (the gateway's registry). */
  @WithDefault("sim")
  Set<String> runners();

  /** Attempts a run gets in all (the first plus retries). */
  @WithDefault("3")
  int maxAttempts();

  /** {@code Retry-After} suggested to clients polling an unfinished operation. */
  @WithDefault("PT2S")
  Duration operationRetryAfter();
}
