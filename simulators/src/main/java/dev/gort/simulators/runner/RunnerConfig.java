package dev.gort.simulators.runner;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/** The simulated runners' settings; defaults and descriptions in application.properties. */
@ConfigMapping(prefix = "gort.sim")
public interface RunnerConfig {

  /** Base URL Gort reaches the simulators on; results URLs are built from it. */
  String publicUrl();

  /**
   * The runner gateway's origin ({@code scheme://host[:port]}; without a port, any port of that
   * host): the only place the simulated runner signs and sends callbacks to.
   */
  String gatewayUrl();

  /** HMAC secret for callback signatures; empty means callbacks go unsigned. */
  Optional<String> runnerSecret();

  /** Connect and response timeout of one callback request. */
  Duration callbackTimeout();

  /** Wait before the first callback retry; it doubles for each further retry. */
  Duration callbackRetryBackoff();
}
