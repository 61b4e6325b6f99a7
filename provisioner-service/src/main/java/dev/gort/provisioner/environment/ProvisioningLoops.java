package dev.gort.provisioner.environment;

import dev.gort.common.polling.PollingLoop;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.provisioner.config.ProvisionerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The work loops that run environments' steps while the service is up: {@code workers} of them, so
 * that many environments provision at once and one slow call (a clone, a model) holds up only its
 * own.
 */
@ApplicationScoped
public class ProvisioningLoops {

  @Inject ProvisioningWork work;
  @Inject ProvisionerConfig config;

  private final List<PollingLoop> loops = new ArrayList<>();

  void onStart(@Observes StartupEvent event) {
    for (int i = 0; i < config.workers(); i++) {
      loops.add(
          WorkQueue.loop(
              "provisioning-" + i,
              work,
              config.workInterval(),
              config.workInterval().multipliedBy(10)));
    }
  }

  /** Takes new work now instead of at the loops' next turn. */
  public void wake() {
    for (PollingLoop loop : loops) {
      loop.wake();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    loops.forEach(PollingLoop::close);
  }
}
