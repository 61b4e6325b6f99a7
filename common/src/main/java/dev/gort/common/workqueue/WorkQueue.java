package dev.gort.common.workqueue;

import dev.gort.common.polling.PollingLoop;
import java.time.Duration;
import java.util.Optional;

/**
 * Work that calls something outside (a runner, a mail server) for rows in a table: <b>claim</b> the
 * next due row in one short transaction, leasing it ({@link Lease}) so replicas and other loops
 * skip it; <b>call</b> outside any transaction, so no row stays locked while the other side takes
 * its time; <b>record</b> the answer in a second short transaction, only if the lease still holds.
 * A process that dies mid-call delays the row until its lease lapses, and never loses it; an answer
 * that comes after the lease lapsed is the recorder's to reconcile (dropped, or undone).
 */
public final class WorkQueue {

  private WorkQueue() {}

  /**
   * The three steps of one kind of work. {@link #claimNext} and {@link #record} are transactional
   * methods of a bean; {@link #call} must not run in a transaction.
   *
   * @param <C> what a claim carries to the call and the record (ids, the lease, the request)
   * @param <A> what the call answers
   */
  public interface Steps<C, A> {

    /** Takes and leases the next due row, if there is one. */
    Optional<C> claimNext();

    /** Calls outside; any exception it throws is recorded as the call's failure. */
    A call(C claim);

    /** Records what came of the call, under the claim's lease. */
    void record(C claim, Result<A> result);
  }

  /**
   * Claims, calls and records one row.
   *
   * @return whether there was a row to work on
   */
  public static <C, A> boolean runOnce(Steps<C, A> steps) {
    Optional<C> claimed = steps.claimNext();
    if (claimed.isEmpty()) {
      return false;
    }
    C claim = claimed.get();
    Result<A> result;
    try {
      result = Result.answered(steps.call(claim));
    } catch (RuntimeException e) {
      result = Result.failed(e);
    }
    steps.record(claim, result);
    return true;
  }

  /** A started loop that runs {@code steps} while they find work, and every {@code idle} else. */
  public static PollingLoop loop(
      String name, Steps<?, ?> steps, Duration idle, Duration maxBackoff) {
    return new PollingLoop(name, () -> runOnce(steps), idle, maxBackoff).start();
  }
}
