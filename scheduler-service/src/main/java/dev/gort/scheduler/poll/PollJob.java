package dev.gort.scheduler.poll;

import dev.gort.common.polling.PollingLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Polls the experiment source on a thread of its own for as long as the service is up: every {@code
 * interval} while polls succeed, and after failures with a wait that doubles from {@code interval}
 * up to {@code max-backoff}, so the API keeps answering while the source is down.
 */
@Singleton
public class PollJob {

  private static final Logger LOG = Logger.getLogger(PollJob.class);

  @Inject PollConfig config;
  @Inject ExperimentPoller poller;

  private PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("experiment source polling is off (gort.scheduler.poll.enabled=false)");
      return;
    }
    loop =
        new PollingLoop(
                "experiment-poll",
                () -> {
                  poller.pollOnce();
                  return false;
                },
                config.interval(),
                config.maxBackoff())
            .start();
    LOG.infof(
        "polling the experiment source every %s (back-off up to %s)",
        config.interval(), config.maxBackoff());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
  }
}
