package dev.gort.common.polling;

import dev.gort.common.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.Callable;
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
      if (sleep > 0 && !pause(sleep)) {
        return;
      }
    }
  }

  private boolean pause(long millis) {
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
