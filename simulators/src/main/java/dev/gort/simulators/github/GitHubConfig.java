package dev.gort.simulators.github;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The simulated GitHub's settings ({@code gort.sim.github.*}), documented in
 * application.properties.
 */
@ConfigMapping(prefix = "gort.sim.github")
public interface GitHubConfig {

  /** The one token the API accepts ({@code Authorization: Bearer …}); empty: every call is 401. */
  Optional<String> token();

  /** Secret of the repositories' webhooks ({@code X-Hub-Signature-256}); empty: sent unsigned. */
  Optional<String> webhookSecret();

  /** Where every repository's webhook points unless the control API says otherwise. */
  String webhookUrl();
}
