package dev.gort.provisioner.repository;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Step 1 of seed 004, reading the repository an environment is for ({@code
 * gort.provisioner.repository.*}). Every request of a clone also passes the outbound guard ({@code
 * gort.outbound.*}), whose own deadline bounds each single request.
 */
@ConfigMapping(prefix = "gort.provisioner.repository")
public interface RepositoryConfig {

  /** Largest answer of the Git server accepted (the pack above all): past it the clone fails. */
  @WithDefault("52428800")
  int maxPackBytes();

  /** Longest one clone attempt may take in all (every request and reading the files). */
  @WithDefault("PT60S")
  Duration deadline();

  /** Top-level entries of the repository looked at, at most, for the environment files. */
  @WithDefault("10000")
  int maxFilesScanned();

  /** Bytes kept of each environment file (seed 004: "limit 10KB each"); the rest is cut. */
  @WithDefault("10240")
  int fileCutBytes();

  /** Retries of a clone that failed for a reason a retry may cure (seed 004, failure point 1). */
  @WithDefault("1")
  int retries();

  /** Wait before a retry. */
  @WithDefault("PT2S")
  Duration retryDelay();
}
