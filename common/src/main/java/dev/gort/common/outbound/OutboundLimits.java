package dev.gort.common.outbound;

import java.time.Duration;

/** The guard's limits on every fetch; {@link OutboundConfig} documents each. */
record OutboundLimits(
    int maxRedirects, Duration connectTimeout, Duration readTimeout, Duration deadline) {

  static OutboundLimits of(OutboundConfig config) {
    return new OutboundLimits(
        config.maxRedirects(), config.connectTimeout(), config.readTimeout(), config.deadline());
  }
}
