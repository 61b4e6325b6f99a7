package dev.gort.common.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  /** A store whose writes count only once their transaction committed. */
  static final class FakeStore implements GroupCommit.Transactions {
    final List<String> committed = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> transactionSizes = Collections.synchronizedList(new ArrayList<>());
    final ThreadLocal<List<String>> open = new ThreadLocal<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    final AtomicInteger entered = new AtomicInteger();

    @Override
    public <T> T inNew(Supplier<T> work) {
      entered.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      open.set(new ArrayList<>());
      try {
        T result = work.get();
        committed.addAll(open.get());
        transactionSizes.add(open.get().size());
        return result;
      } finally {
        open.remove();
      }
    }

    String write(String value) {
      open.get().add(value);
      return value;
    }
  }

  static final class Refused extends RuntimeException {
    Refused() {
      super("refused");
    }
  }

  private final FakeStore store = new FakeStore();
  private final ExecutorService callers = Executors.newFixedThreadPool(8);
  private GroupCommit commits;

  private GroupCommit start(int maxBatch, int capacity) {
    commits =
        new GroupCommit(
            "test-writer",
            1,
            store,
            e -> e instanceof Refused,
            maxBatch,
            capacity,
            Duration.ofSeconds(5));
    return commits;
  }

  @AfterEach
  void stop() {
    store.gate = new CountDownLatch(0);
    if (commits != null) {
      commits.close();
    }
    callers.shutdownNow();
  }

  @Test
  void unitsQueuedWhileTheWriterIsBusyShareOneTransaction() throws Exception {
    GroupCommit commits = start(64, 100);
    List<Future<String>> answers = new ArrayList<>();
    answers.add(hold(commits, "unit-0"));
    for (int i = 1; i < 6; i++) {
      String value = "unit-" + i;
      answers.add(callers.submit(() -> commits.run(() -> store.write(value))));
    }
    awaitWaiting(commits, 5); // the first is held at the gate, five queue behind it
    store.gate.countDown();
    for (int i = 0; i < 6; i++) {
      assertThat(answers.get(i).get()).isEqualTo("unit-" + i);
    }
    assertThat(store.committed).hasSize(6);
    assertThat(store.transactionSizes).containsExactly(1, 5);
  }

  @Test
  void aBatchIsNoLargerThanItsMaximum() throws Exception {
    GroupCommit commits = start(2, 100);
    List<Future<String>> answers = new ArrayList<>();
    answers.add(hold(commits, "unit-0"));
    for (int i = 1; i < 5; i++) {
      String value = "unit-" + i;
      answers.add(callers.submit(() -> commits.run(() -> store.write(value))));
    }
    awaitWaiting(commits, 4);
    store.gate.countDown();
    for (Future<String> answer : answers) {
      answer.get();
    }
    assertThat(store.transactionSizes).containsExactly(1, 2, 2);
  }

  @Test
  void anExpectedRefusalFailsOnlyItsOwnUnit() throws Exception {
    GroupCommit commits = start(64, 100);
    Future<String> held = hold(commits, "first");
    Future<String> before = queue(commits, () -> store.write("before"), 1);
    Future<String> refused =
        queue(
            commits,
            () -> {
              throw new Refused();
            },
            2);
    Future<String> after = queue(commits, () -> store.write("after"), 3);
    store.gate.countDown();

    assertThat(held.get()).isEqualTo("first");
    assertThat(before.get()).isEqualTo("before");
    assertThat(after.get()).isEqualTo("after");
    assertThatThrownBy(refused::get).hasCauseInstanceOf(Refused.class);
    assertThat(store.committed).containsExactly("first", "before", "after");
    assertThat(store.transactionSizes).containsExactly(1, 2);
  }

  @Test
  void anUnexpectedFailureRollsTheBatchBackAndEachUnitRunsAgainAlone() throws Exception {
    GroupCommit commits = start(64, 100);
    Future<String> held = hold(commits, "first");
    Future<String> ok = queue(commits, () -> store.write("ok"), 1);
    Future<String> broken =
        queue(
            commits,
            () -> {
              store.write("half-written");
              throw new IllegalStateException("the database said no");
            },
            2);
    store.gate.countDown();

    assertThat(held.get()).isEqualTo("first");
    assertThat(ok.get()).isEqualTo("ok");
    assertThatThrownBy(broken::get)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the database said no");
    assertThat(store.committed).containsExactly("first", "ok");
    assertThat(store.transactionSizes).containsExactly(1, 1);
  }

  @Test
  void aFullQueueAnswersBusyAtOnce() throws Exception {
    GroupCommit commits = start(64, 1);
    Future<String> held = hold(commits, "held");
    Future<String> queued = queue(commits, () -> store.write("queued"), 1);

    assertThatThrownBy(() -> commits.run(() -> store.write("one too many")))
        .isInstanceOf(GroupCommit.Busy.class);
    store.gate.countDown();
    assertThat(held.get()).isEqualTo("held");
    assertThat(queued.get()).isEqualTo("queued");
    assertThat(store.committed).containsExactly("held", "queued");
  }

  @Test
  void severalWritersCommitEveryUnitExactlyOnce() throws Exception {
    commits =
        new GroupCommit(
            "test-writer", 4, store, e -> e instanceof Refused, 8, 1000, Duration.ofSeconds(5));
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String value = "unit-" + i;
      answers.add(callers.submit(() -> commits.run(() -> store.write(value))));
    }
    for (int i = 0; i < 400; i++) {
      assertThat(answers.get(i).get()).isEqualTo("unit-" + i);
    }
    assertThat(store.committed).hasSize(400).doesNotHaveDuplicates();
    assertThat(store.transactionSizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
  }

  @Test
  void aClosedWriterTakesNoMoreWork() {
    GroupCommit commits = start(64, 10);
    assertThat(commits.run(() -> store.write("before"))).isEqualTo("before");
    commits.close();
    assertThatThrownBy(() -> commits.run(() -> store.write("after")))
        .isInstanceOf(GroupCommit.Busy.class);
    assertThat(store.committed).containsExactly("before");
  }

  /** Runs a unit that writes {@code value} and waits until the writer is held with it alone. */
  private Future<String> hold(GroupCommit commits, String value) throws InterruptedException {
    store.gate = new CountDownLatch(1);
    Future<String> held = callers.submit(() -> commits.run(() -> store.write(value)));
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (store.entered.get() < 1) {
      if (System.nanoTime() > until) {
        throw new AssertionError("the writer never took the first unit");
      }
      Thread.sleep(2);
    }
    return held;
  }

  /** Runs {@code work} from a caller and waits until {@code waitingAfter} units are queued. */
  private Future<String> queue(GroupCommit commits, Supplier<String> work, int waitingAfter)
      throws InterruptedException {
    Future<String> answer = callers.submit(() -> commits.run(work));
    awaitWaiting(commits, waitingAfter);
    return answer;
  }

  /** Waits until {@code count} units wait behind the one the writer holds. */
  private static void awaitWaiting(GroupCommit commits, int count) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (commits.waiting() != count) {
      if (System.nanoTime() > until) {
        throw new AssertionError(commits.waiting() + " units waiting, not " + count);
      }
      Thread.sleep(2);
    }
  }
}
