package dev.gort.common.consumer;

import dev.gort.common.retry.Backoff;
import dev.gort.common.web.Untrusted;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How every event consumer meets a failure ({@link FailureKind}): while a dependency is down it
 * waits and tries the event again with back-off, for as long as it takes (the partition waits, so
 * order is kept and nothing valid is dead-lettered); an invalid event is thrown at once to the
 * channel's dead-letter queue; any other failure is tried a few times, then dead-lettered so an
 * admin can replay it once the cause is fixed. A service that stops while it waits keeps waiting:
 * the event is neither acknowledged nor dead-lettered, and comes again after the restart.
 */
@Singleton
public class ConsumerRetry {

  private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

  private final Backoff backoff;
  private final int otherFailureTries;
  private volatile boolean stopping;

  public ConsumerRetry(
      @ConfigProperty(name = "gort.consumer.retry.first-delay", defaultValue = "PT0.5S")
          Duration firstDelay,
      @ConfigProperty(name = "gort.consumer.retry.max-delay", defaultValue = "PT30S")
          Duration maxDelay,
      @ConfigProperty(name = "gort.consumer.retry.other-failure-tries", defaultValue = "5")
          int otherFailureTries) {
    this.backoff = new Backoff(firstDelay, maxDelay);
    this.otherFailureTries = otherFailureTries;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /**
   * Runs {@code work} until it succeeds, as described on the class.
   *
   * @param consumer names the consumer in the log
   * @throws RuntimeException the failure, for the dead-letter queue
   */
  public void untilDone(String consumer, Runnable work) {
    untilDone(consumer, work, false);
  }

  /**
   * Runs {@code work} until it succeeds, whatever it fails with: for what may never be dropped nor
   * dead-lettered again, such as the dead letters themselves (their store makes any payload fit).
   */
  public void untilKept(String consumer, Runnable work) {
    untilDone(consumer, work, true);
  }

  private void untilDone(String consumer, Runnable work, boolean always) {
    int failures = 0;
    int otherFailures = 0;
    while (true) {
      try {
        work.run();
        if (failures > 0) {
          LOG.infof("%s: processed after %d failed tries", consumer, failures);
        }
        return;
      } catch (RuntimeException e) {
        failures++;
        FailureKind kind = always ? FailureKind.DEPENDENCY_DOWN : FailureKind.of(e);
        if (kind == FailureKind.INVALID_EVENT) {
          LOG.warnf(
              "%s: invalid event, dead-lettered: %s", consumer, Untrusted.forLog(e.getMessage()));
          throw e;
        }
        if (kind == FailureKind.OTHER && ++otherFailures >= otherFailureTries) {
          LOG.errorf(e, "%s: failed %d times, dead-lettered", consumer, otherFailures);
          throw e;
        }
        Duration wait = backoff.after(failures);
        if (failures == 1 || Long.bitCount(failures) == 1) {
          // logged on the 1st, 2nd, 4th, 8th … failure: a long outage does not flood the log
          LOG.warnf(
              "%s: try %d failed (%s), trying again in %d ms: %s",
              consumer, failures, kind, wait.toMillis(), Untrusted.forLog(rootMessage(e)));
        }
        if (!pause(wait)) {
          // the service is stopping (or this thread was interrupted): hold, never drop the event
          holdUntilStopped(consumer);
        }
      }
    }
  }

  /**
   * Keeps the event unacknowledged while the service stops: a throw would dead-letter it, a return
   * acknowledge it. The thread ends with the process.
   */
  private void holdUntilStopped(String consumer) {
    LOG.infof("%s: stopping; the event it waits with comes again after the restart", consumer);
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // the process is ending; interruptions do not let the event through
      }
    }
  }

  private boolean pause(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    try {
      while (!stopping && System.nanoTime() < until) {
        Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      }
      return !stopping;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
