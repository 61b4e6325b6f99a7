package dev.gort.provisioner.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The OpenAI-compatible model asked for the seed's four decisions ({@code
 * gort.provisioner.model.*}). Without a base URL no model is asked and every decision comes from
 * the rules.
 */
@ConfigMapping(prefix = "gort.provisioner.model")
public interface ModelConfig {

  /** The API's base URL, such as {@code https://api.openai.com/v1}; absent = rules only. */
  Optional<String> baseUrl();

  /** The bearer key; a secret, never logged. Absent = no Authorization header. */
  Optional<String> apiKey();

  /** The model asked. */
  @WithDefault("gpt-4o-mini")
  String modelName();

  /** How long one answer may take (connect and read) before the rule answer is used. */
  @WithDefault("PT20S")
  Duration timeout();

  /** Longest answer accepted; a longer one is rejected as invalid. */
  @WithDefault("16000")
  int maxAnswerChars();
}
