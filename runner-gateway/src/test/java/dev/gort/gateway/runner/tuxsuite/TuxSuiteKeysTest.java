package dev.gort.gateway.runner.tuxsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.gateway.runner.RunnerApi;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The key cache under concurrent callbacks, with a TuxSuite whose answer the test holds back. */
class TuxSuiteKeysTest {

  private final AtomicReference<KeyPair> published = new AtomicReference<>(TuxSuiteSigning.FIXED_1);
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile CountDownLatch answer = new CountDownLatch(0);

  private final TuxSuiteKeys keys =
      new TuxSuiteKeys(this::keysAnswer, Clock.systemUTC(), Duration.ZERO);

  private RunnerApi.Answer keysAnswer() {
    fetches.incrementAndGet();
    try {
      answer.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new RunnerApi.Answer(
        200,
        HttpHeaders.of(Map.of(), (a, b) -> true),
        TuxSuiteSigning.keys(published.get()).getBytes(StandardCharsets.UTF_8),
        List.of("error"));
  }

  @Test
  void aRotatedKeyIsFetchedOnceTheCachedOneFails() {
    ECPublicKey first = keys.current();
    published.set(TuxSuiteSigning.FIXED_2);

    Optional<ECPublicKey> fresh = keys.refetch(first);

    assertThat(fresh).contains((ECPublicKey) TuxSuiteSigning.FIXED_2.getPublic());
    assertThat(keys.current()).isEqualTo(TuxSuiteSigning.FIXED_2.getPublic());
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aSlowFetchHoldsUpNoOtherCallback() throws Exception {
    ECPublicKey cached = keys.current();
    answer = new CountDownLatch(1); // TuxSuite stops answering
    CompletableFuture<Optional<ECPublicKey>> slow =
        CompletableFuture.supplyAsync(() -> keys.refetch(cached));
    while (fetches.get() < 2) {
      Thread.sleep(2);
    }

    // while that fetch hangs: a valid callback gets the cached key, a failing one is refused now
    long start = System.nanoTime();
    assertThat(keys.current()).isEqualTo(cached);
    assertThat(keys.refetch(cached)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(fetches).hasValue(2);

    answer.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS)).isEmpty(); // the same key came back
  }
}
