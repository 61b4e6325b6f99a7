package dev.gort.common.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Real fetchers on a real Vert.x, closed after each test. */
abstract class FetcherTestBase {

  static final int CAP = 1024 * 1024;
  static final OutboundLimits LIMITS =
      new OutboundLimits(3, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));

  static Vertx vertx;
  private final List<OutboundFetcher> fetchers = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @AfterEach
  void closeFetchers() {
    fetchers.forEach(OutboundFetcher::close);
  }

  OutboundFetcher fetcher(OutboundPolicy policy) {
    return fetcher(policy, LIMITS, HostResolver.SYSTEM, null);
  }

  OutboundFetcher fetcher(OutboundPolicy policy, OutboundLimits limits) {
    return fetcher(policy, limits, HostResolver.SYSTEM, null);
  }

  OutboundFetcher fetcher(
      OutboundPolicy policy, OutboundLimits limits, HostResolver resolver, TrustOptions trust) {
    OutboundFetcher fetcher = new OutboundFetcher(vertx, policy, limits, resolver, trust);
    fetchers.add(fetcher);
    return fetcher;
  }
}
