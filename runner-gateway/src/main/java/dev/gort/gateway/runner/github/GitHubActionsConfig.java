package dev.gort.gateway.runner.github;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Runner {@code github-actions}' settings ({@code gort.runner.github-actions.*}), documented in
 * application.properties. The repository, workflow, ref and artifact are defaults an experiment's
 * test config may override.
 */
@ConfigMapping(prefix = "gort.runner.github-actions")
public interface GitHubActionsConfig {

  /** GitHub's REST API root: https://api.github.com, or {@code https://<host>/api/v3}. */
  @WithDefault("https://api.github.com")
  String apiUrl();

  /** Token that dispatches, polls and cancels workflow runs; without one: not configured. */
  Optional<String> token();

  /**
   * Secret of the repositories' webhooks ({@code X-Hub-Signature-256}); without: not configured.
   */
  Optional<String> webhookSecret();

  /** Default repository, {@code owner/name}. */
  Optional<String> repository();

  /** Default workflow: its file name ({@code gort.yml}) or numeric id. */
  Optional<String> workflow();

  /** Default branch or tag the workflow runs on. */
  @WithDefault("main")
  String ref();

  /** Default name of the artifact holding a run's results. */
  @WithDefault("test-results")
  String artifact();

  /** Connect timeout of one API call. */
  @WithDefault("PT2S")
  Duration connectTimeout();

  /** Response timeout of one API call. */
  @WithDefault("PT10S")
  Duration readTimeout();

  /** How long a dispatch without run details looks for its run by name before giving up. */
  @WithDefault("PT6S")
  Duration findRunWithin();

  /** Pause between two looks for a dispatched run. */
  @WithDefault("PT1S")
  Duration findRunEvery();

  /**
   * How far back a dispatch that may have reached GitHub before (its answer was lost) looks for the
   * run it started.
   */
  @WithDefault("PT6H")
  Duration handedOverLookback();
}
