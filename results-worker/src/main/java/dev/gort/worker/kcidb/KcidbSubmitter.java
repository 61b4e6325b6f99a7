package dev.gort.worker.kcidb;

import dev.gort.common.polling.PollingLoop;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.worker.config.WorkerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;

/** Keeps submitting due reports to KCIDB while the worker is up, when a submission URL is set. */
@ApplicationScoped
public class KcidbSubmitter {

  @Inject KcidbSubmissions submissions;
  @Inject WorkerConfig config;

  private PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    if (config.kcidb().submitUrl().isPresent()) {
      loop =
          WorkQueue.loop(
              "kcidb-submitter", submissions, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
  }
}
