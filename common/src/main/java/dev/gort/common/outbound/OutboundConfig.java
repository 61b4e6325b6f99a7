package dev.gort.common.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outbound-URL guard ({@code gort.outbound.*}); each service that fetches URLs from outside
 * documents these in its application.properties.
 */
@ConfigMapping(prefix = "gort.outbound")
public interface OutboundConfig {

  /**
   * Destinations reachable although their address class is refused (loopback, private, ...): {@code
   * host:port}, {@code host} (any port) or a CIDR range. Empty by default.
   */
  Optional<List<AllowEntry>> allow();

  /** Redirects followed for one fetch, each to a target that passes the guard again. */
  @WithDefault("3")
  int maxRedirects();

  /** Longest wait for a TCP (and TLS) connection to one address. */
  @WithDefault("PT5S")
  Duration connectTimeout();

  /** Longest silence while waiting for the answer or the next part of the body. */
  @WithDefault("PT10S")
  Duration readTimeout();

  /** Longest one fetch may take in all (resolution, redirects, body); a caller may ask for less. */
  @WithDefault("PT30S")
  Duration deadline();
}
