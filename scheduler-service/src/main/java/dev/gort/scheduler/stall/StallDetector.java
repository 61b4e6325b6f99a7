package dev.gort.scheduler.stall;

import dev.gort.common.polling.PollingLoop;
import dev.gort.scheduler.pipeline.PipelineStalls;
import dev.gort.scheduler.stall.StallPolicy.Action;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Runs that heal themselves: while the service is up, looks every {@code scan-interval} for runs
 * that made no progress for longer than their state allows (an event lost with a broker's data, a
 * service that dropped its work) and nudges them, or gives them up after the last nudge. Runs that
 * stalled before a restart are found on the first look.
 */
@Singleton
public class StallDetector {

  private static final Logger LOG = Logger.getLogger(StallDetector.class);

  @Inject StallConfig config;
  @Inject StalledRuns stalled;
  @Inject Clock clock;
  @Inject PipelineStalls pipelines;

  private PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("the stall detector is off (gort.scheduler.stall.enabled=false)");
      return;
    }
    loop =
        new PollingLoop(
                "stall-detector",
                this::scanOnce,
                config.scanInterval(),
                config.scanInterval().multipliedBy(10))
            .start();
  }

  /**
   * One look: acts on every run that may have stalled, up to a batch.
   *
   * @return whether it nudged or gave up any (then it looks again at once)
   */
  public boolean scanOnce() {
    Instant now = clock.instant();
    boolean acted = false;
    for (String runId : stalled.candidates(now, config.batchSize())) {
      acted |= stalled.act(runId, now) != Action.WAIT;
    }
    // pipeline jobs handed to the gateway whose result never came (issue 13)
    for (String dispatchId : pipelines.candidates(now, config.batchSize())) {
      acted |= pipelines.act(dispatchId, now) != Action.WAIT;
    }
    return acted;
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
  }
}
