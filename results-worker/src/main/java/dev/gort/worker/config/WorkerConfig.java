package dev.gort.worker.config;

import dev.gort.worker.results.ParseLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

  /** Reading the results of GitHub Actions runs. */
  GitHub github();

  /** {@code gort.worker.github.*}. */
  interface GitHub {
    /** The token the artifacts API is read with (GitHub wants one even for public repositories). */
    Optional<String> token();

    /** Largest artifact zip accepted, in bytes. */
    @WithDefault("52428800")
    int maxArtifactBytes();
  }

  /** KCIDB export and submission. */
  Kcidb kcidb();

  /** {@code gort.worker.kcidb.*}. */
  interface Kcidb {
    /** The origin of every id Gort writes to KCIDB ({@code ^[a-z0-9_]+$}). */
    @WithDefault("gort")
    String origin();

    /**
     * Where finished reports are submitted (KCIDB's REST submission endpoint); none: not at all.
     */
    Optional<String> submitUrl();

    /** The bearer token of the submissions. */
    Optional<String> token();

    /** Tries to submit one report before it is given up. */
    @WithDefault("5")
    int maxTries();
  }

  /** Bounds on what one results document may make the worker hold. */
  Parse parse();

  default ParseLimits parseLimits() {
    Parse p = parse();
    return new ParseLimits(
        p.maxTestCases(),
        p.maxMessageChars(),
        p.maxOutputChars(),
        p.maxDepth(),
        p.maxUnpackedBytes(),
        p.maxArchiveEntries());
  }

  /** {@code gort.worker.parse.*}: see {@link ParseLimits}. */
  interface Parse {
    @WithDefault("200000")
    int maxTestCases();

    @WithDefault("4000")
    int maxMessageChars();

    @WithDefault("16000")
    int maxOutputChars();

    @WithDefault("64")
    int maxDepth();

    @WithDefault("268435456")
    long maxUnpackedBytes();

    @WithDefault("1000")
    int maxArchiveEntries();
  }
}
