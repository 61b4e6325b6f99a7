package dev.gort.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Scheduler settings ({@code gort.scheduler.*}); each documented in application.properties. */
@ConfigMapping(prefix = "gort.scheduler")
public interface SchedulerConfig {

  /**
   * Runner used when neither a request nor the experiment's test configuration names one. Which
   * runners there are, and what each takes, the gateway says ({@code gort.scheduler.gateway-url}).
   */
  @WithDefault("sim")
  String defaultRunner();

  /**
   * The runner gateway, where test configurations and run requests are checked with the caller's
   * token (the base URL of the {@code runner-gateway} REST client).
   */
  @WithDefault("http://127.0.0.1:8082")
  String gatewayUrl();

  /** Attempts a run gets in all (the first plus retries). */
  @WithDefault("3")
  int maxAttempts();

  /** {@code Retry-After} suggested to clients polling an unfinished operation. */
  @WithDefault("PT2S")
  Duration operationRetryAfter();

  /**
   * The provisioner's base URL, as clients reach it: a finished environment operation's {@code
   * resourceLocation} is its {@code /api/v1/environments/{id}} there.
   */
  @WithDefault("http://127.0.0.1:8085")
  String provisionerUrl();
}
