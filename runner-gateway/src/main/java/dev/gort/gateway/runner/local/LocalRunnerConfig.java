package dev.gort.gateway.runner.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Runner {@code local}'s settings ({@code gort.runner.local.*}), documented in
 * application.properties: where the agent is, the token it takes and the secret its callbacks are
 * signed with.
 */
@ConfigMapping(prefix = "gort.runner.local")
public interface LocalRunnerConfig {

  /** The agent's base URL. */
  @WithDefault("http://127.0.0.1:8086")
  String url();

  /** Bearer token the agent takes jobs with; without one: not configured. */
  Optional<String> token();

  /** HMAC secret of the agent's callbacks; without one: not configured. */
  Optional<String> secret();

  /** A job's timeout when its settings name none. */
  @WithDefault("PT30M")
  Duration defaultTimeout();

  /** The longest timeout a job's settings may ask for (the agent has its own bound too). */
  @WithDefault("PT6H")
  Duration maxTimeout();

  /** Connect timeout of one call to the agent. */
  @WithDefault("PT2S")
  Duration connectTimeout();

  /** Response timeout of one call to the agent. */
  @WithDefault("PT10S")
  Duration readTimeout();
}
