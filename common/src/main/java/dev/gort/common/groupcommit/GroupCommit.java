package dev.gort.common.groupcommit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs many callers' small units of work in shared database transactions: each of a few writer
 * threads takes whatever has queued while it was busy (up to {@code maxBatch}) and runs it in one
 * transaction, so a busy service pays one begin, one commit and one connection for many units
 * instead of one each, and the writers' round trips to the database overlap. Each caller waits for
 * the commit that holds its unit, so when {@link #run} returns the unit is as durable as if it had
 * committed alone.
 *
 * <p>A unit that fails with an exception {@code expected} says is its own answer (a refusal taken
 * before it wrote anything) and leaves the rest of its batch alone. Any other failure rolls the
 * batch back, and each of its units is run again in a transaction of its own, so one broken unit
 * fails only itself.
 */
public final class GroupCommit implements AutoCloseable {

  /** Runs {@code work} in a new transaction and commits it, or rolls back and rethrows. */
  @FunctionalInterface
  public interface Transactions {
    <T> T inNew(Supplier<T> work);
  }

  /** The queue is full or the writer has stopped: the caller should be told to try again later. */
  public static final class Busy extends RuntimeException {
    Busy(String why) {
      super(why);
    }
  }

  private static final Logger LOG = Logger.getLogger(GroupCommit.class);

  private final Transactions transactions;
  private final Predicate<RuntimeException> expected;
  private final int maxBatch;
  private final Duration maxWait;
  private final BlockingQueue<Unit<?>> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;

  public GroupCommit(
      String name,
      int writerCount,
      Transactions transactions,
      Predicate<RuntimeException> expected,
      int maxBatch,
      int capacity,
      Duration maxWait) {
    if (writerCount < 1 || maxBatch < 1 || capacity < 1) {
      throw new IllegalArgumentException("writerCount, maxBatch and capacity must be positive");
    }
    this.transactions = Objects.requireNonNull(transactions);
    this.expected = Objects.requireNonNull(expected);
    this.maxBatch = maxBatch;
    this.maxWait = Objects.requireNonNull(maxWait);
    this.queue = new ArrayBlockingQueue<>(capacity);
    for (int i = 1; i <= writerCount; i++) {
      Thread writer = new Thread(this::write, name + "-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  /**
   * Runs {@code work} in the next shared transaction and returns its result once that committed.
   *
   * @throws Busy when the queue is full, the writer stopped, or no commit came within the wait (the
   *     work may still commit later: units must be safe to repeat)
   */
  public <T> T run(Supplier<T> work) {
    Unit<T> unit = new Unit<>(work);
    if (!running || !queue.offer(unit)) {
      throw new Busy(running ? "too many units waiting to be written" : "stopped");
    }
    try {
      return unit.done.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new Busy("no commit within " + maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Busy("interrupted");
    }
  }

  /** Units waiting for a writer right now. */
  public int waiting() {
    return queue.size();
  }

  private void write() {
    List<Unit<?>> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Unit<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        running = false;
      } catch (RuntimeException | Error e) {
        // commit() settles every unit; this is a bug in it, and the writer must live on
        LOG.error("group commit writer failed", e);
        batch.forEach(u -> u.done.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Unit<?>> batch) {
    try {
      List<Runnable> answers = transactions.inNew(() -> runAll(batch));
      answers.forEach(Runnable::run);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).done.completeExceptionally(e);
        return;
      }
      LOG.warnf(
          "a shared transaction of %d units failed (%s); each is run again on its own",
          batch.size(), e.toString());
      for (Unit<?> unit : batch) {
        commit(List.of(unit));
      }
    }
  }

  /** Runs every unit; what each caller is told waits until the transaction committed. */
  private List<Runnable> runAll(List<Unit<?>> batch) {
    List<Runnable> answers = new ArrayList<>(batch.size());
    for (Unit<?> unit : batch) {
      answers.add(unit.runIn(expected));
    }
    return answers;
  }

  /**
   * Stops taking work, writes what is queued, and waits for the writers (about {@code maxWait}).
   */
  @Override
  public void close() {
    running = false;
    long until = System.nanoTime() + maxWait.toNanos();
    for (Thread writer : writers) {
      try {
        writer.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      writer.interrupt();
    }
    Unit<?> left;
    while ((left = queue.poll()) != null) {
      left.done.completeExceptionally(new Busy("stopped"));
    }
  }

  private static final class Unit<T> {
    final Supplier<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();

    Unit(Supplier<T> work) {
      this.work = work;
    }

    Runnable runIn(Predicate<RuntimeException> expected) {
      try {
        T result = work.get();
        return () -> done.complete(result);
      } catch (RuntimeException e) {
        if (!expected.test(e)) {
          throw e;
        }
        return () -> done.completeExceptionally(e);
      }
    }
  }
}
