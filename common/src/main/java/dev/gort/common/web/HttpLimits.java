package dev.gort.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Gort's own limits on requests ({@code gort.http.*}), checked before anything else looks at a
 * request; each documented in service-parent's shared configuration.
 */
@ConfigMapping(prefix = "gort.http")
public interface HttpLimits {

  /** Longest request target (path and query, as sent) answered; longer ones get a 414. */
  @WithDefault("8192")
  int maxUriLength();

  /** Largest total of header names and values; larger ones get a 431. */
  @WithDefault("16384")
  int maxHeaderBytes();

  /** Longest path segment, decoded. */
  @WithDefault("256")
  int maxPathSegmentLength();

  /** Longest query parameter value, decoded. */
  @WithDefault("4096")
  int maxQueryValueLength();

  /** Most query parameters one request may carry. */
  @WithDefault("32")
  int maxQueryParameters();

  /** Largest request body of this service; each endpoint may take less. */
  @WithDefault("65536")
  int maxBodyBytes();
}
