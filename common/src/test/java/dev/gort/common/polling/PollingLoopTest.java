package dev.gort.common.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PollingLoopTest {

  private static final Duration LONG = Duration.ofMinutes(10);

  @Test
  void runsAgainAtOnceWhileTheTaskReportsWork() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch idle = new CountDownLatch(1);

    // an idle pause of ten minutes: only running again at once can reach 50 calls in time
    try (PollingLoop loop =
        new PollingLoop(
            "busy",
            () -> {
              if (calls.incrementAndGet() <= 50) {
                return true;
              }
              idle.countDown();
              return false;
            },
            LONG,
            LONG)) {
      loop.start();
      assertThat(idle.await(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(calls).hasValue(51);
  }

  @Test
  void waitsTheIdlePauseWhenThereIsNoWork() throws Exception {
    List<Long> calls = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);

    try (PollingLoop loop =
        new PollingLoop(
            "idle",
            () -> {
              calls.add(System.nanoTime());
              three.countDown();
              return false;
            },
            Duration.ofMillis(100),
            LONG)) {
      loop.start();
      assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(gapsMillis(calls).subList(0, 2))
        .allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(95));
  }

  @Test
  void aWakeUpEndsTheIdlePauseAtOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(2);

    // an idle pause of ten minutes: only the wake-up can bring the second call in time
    try (PollingLoop loop =
        new PollingLoop(
            "woken",
            () -> {
              calls.incrementAndGet();
              first.countDown();
              second.countDown();
              return false;
            },
            LONG,
            LONG)) {
      loop.start();
      assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      loop.wake();
      assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(calls).hasValue(2);
  }

  @Test
  void backsOffDoublingUpToTheLimitWhileTheTaskFails() throws Exception {
    List<Long> calls = new CopyOnWriteArrayList<>();
    CountDownLatch enough = new CountDownLatch(9);

    try (PollingLoop loop =
        new PollingLoop(
            "failing",
            () -> {
              calls.add(System.nanoTime());
              enough.countDown();
              throw new IllegalStateException("database down");
            },
            Duration.ofMillis(20),
            Duration.ofMillis(80))) {
      loop.start();
      assertThat(enough.await(30, TimeUnit.SECONDS)).isTrue();
    }

    List<Long> gaps = gapsMillis(calls).subList(0, 8);
    // 20, 40, 80, then capped at 80 (uncapped, the eighth pause would be 2560 ms)
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(19);
    assertThat(gaps.get(1)).isGreaterThanOrEqualTo(39);
    assertThat(gaps.subList(2, 8)).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(79));
    assertThat(gaps.subList(5, 8)).allSatisfy(g -> assertThat(g).isLessThan(1000));
  }

  @Test
  void workingAgainAfterFailuresEndsTheBackOff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch recovered = new CountDownLatch(1);

    // failing twice costs 2 x 50 ms of back-off; after that, work must run again at once
    try (PollingLoop loop =
        new PollingLoop(
            "recovering",
            () -> {
              int n = calls.incrementAndGet();
              if (n <= 2) {
                throw new IllegalStateException("broker down");
              }
              if (n <= 40) {
                return true;
              }
              recovered.countDown();
              return false;
            },
            Duration.ofMillis(50),
            LONG)) {
      loop.start();
      assertThat(recovered.await(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(calls).hasValue(41);
  }

  @Test
  void closeStopsTheLoopEvenInTheMiddleOfAPause() throws Exception {
    AtomicReference<Thread> worker = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch ranOnce = new CountDownLatch(1);
    PollingLoop loop =
        new PollingLoop(
            "closing",
            () -> {
              worker.set(Thread.currentThread());
              calls.incrementAndGet();
              ranOnce.countDown();
              return false;
            },
            LONG,
            LONG);
    loop.start();
    assertThat(ranOnce.await(10, TimeUnit.SECONDS)).isTrue();

    assertTimeoutPreemptively(Duration.ofSeconds(5), loop::close);

    assertThat(worker.get().isAlive()).isFalse();
    assertThat(calls).hasValue(1);
  }

  @Test
  void closeStopsABusyLoop() throws Exception {
    AtomicReference<Thread> worker = new AtomicReference<>();
    CountDownLatch running = new CountDownLatch(100);
    PollingLoop loop =
        new PollingLoop(
                "always-busy",
                () -> {
                  worker.set(Thread.currentThread());
                  running.countDown();
                  return true;
                },
                LONG,
                LONG)
            .start();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    assertTimeoutPreemptively(Duration.ofSeconds(5), loop::close);

    assertThat(worker.get().isAlive()).isFalse();
  }

  private static List<Long> gapsMillis(List<Long> nanos) {
    return java.util.stream.IntStream.range(1, nanos.size())
        .mapToObj(i -> (nanos.get(i) - nanos.get(i - 1)) / 1_000_000)
        .toList();
  }
}
