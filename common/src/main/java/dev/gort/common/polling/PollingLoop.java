package dev.gort.common.polling;

import dev.gort.common.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs one task over and over on its own daemon thread: again at once while it finds work, after
 * {@code idle} when it finds none, and with doubling back-off (up to {@code maxBackoff}) while it
 * fails. A failure streak is logged once when it starts and once when it ends, not on every try.
 * Used for the outbox relay and the other "work off a table" loops of the services.
 */
public final class PollingLoop implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PollingLoop.class);
  private static final long MIN_BACKOFF_MILLIS = 100;

  private final String name;
  private final Callable<Boolean> task;
  private final Duration idle;
  private final Backoff backoff;
  private final Thread thread;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running = true;

  /**
   * @param task returns true when it did some work (and should run again at once)
   */
  public PollingLoop(String name, Callable<Boolean> task, Duration idle, Duration maxBackoff) {
    this.name = name;
    this.task = task;
    this.idle = idle;
    Duration floor = Duration.ofMillis(Math.max(idle.toMillis(), MIN_BACKOFF_MILLIS));
    this.backoff = new Backoff(floor, maxBackoff.compareTo(floor) < 0 ? floor : maxBackoff);
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
  }

  public PollingLoop start() {
    thread.start();
    return this;
  }

  private void loop() {
    int failures = 0;
    while (running) {
      long sleep;
      try {
        boolean didWork = task.call();
        if (failures > 0) {
          LOG.infof("%s: working again", name);
          failures = 0;
        }
        sleep = didWork ? 0 : idle.toMillis();
      } catch (Exception e) {
        if (failures++ == 0) {
          LOG.warnf("%s failed, retrying with back-off: %s", name, e.toString());
        }
        sleep = backoff.after(failures).toMillis();
      }
      if (sleep > 0 && !(failures > 0 ? sleepThrough(sleep) : pause(sleep))) {
        return;
      }
    }
  }

  /**
   * Ends the current idle pause at once (work was just added), so it is taken without waiting for
   * the next turn; a back-off after failures is not cut short.
   */
  public void wake() {
    wakeUps.release();
  }

  private boolean pause(long millis) {
    try {
      wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS);
      wakeUps.drainPermits();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean sleepThrough(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
