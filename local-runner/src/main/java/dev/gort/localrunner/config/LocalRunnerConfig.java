package dev.gort.localrunner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's settings ({@code gort.local-runner.*}); defaults and descriptions in
 * application.properties.
 */
@ConfigMapping(prefix = "gort.local-runner")
public interface LocalRunnerConfig {

  /** Bearer token the gateway sends; required. */
  Optional<String> token();

  /** HMAC secret of the callbacks; required. */
  Optional<String> secret();

  /** The gateway's origin: the only place callbacks go. */
  String gatewayUrl();

  /** Base URL of the agent for results and log URLs. */
  String publicUrl();

  /** Root of the jobs' directories. */
  Path workDir();

  @WithDefault("2")
  int maxConcurrentJobs();

  @WithDefault("200")
  int maxKeptJobs();

  @WithDefault("PT6H")
  Duration maxTimeout();

  @WithDefault("1048576")
  long outputCapBytes();

  @WithDefault("PT5S")
  Duration killGrace();

  /** User the commands run as; empty = the agent's own. */
  Optional<String> runAs();

  /** auto, docker, podman or none. */
  @WithDefault("auto")
  String containerEngine();

  @WithDefault("false")
  boolean imagesOnHost();

  @WithDefault("true")
  boolean callbacks();

  @WithDefault("PT10S")
  Duration callbackTimeout();

  @WithDefault("5")
  int callbackRetries();

  @WithDefault("PT1S")
  Duration callbackBackoff();
}
