package dev.gort.gateway;

import dev.gort.common.polling.PollingLoop;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.deadline.OverdueQueue;
import dev.gort.gateway.dispatch.DispatchQueue;
import dev.gort.gateway.halt.HaltQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's background work while it is up, each a claim / call / record work queue: handing
 * due attempts to runners, polling the runners of attempts past their deadline, and halting jobs.
 * Every call to a runner is made outside any transaction, so several loops of each kind call
 * different runners at once and replicas skip each other's leased rows.
 */
@ApplicationScoped
public class GatewayLoops {

  @Inject DispatchQueue dispatch;
  @Inject OverdueQueue overdue;
  @Inject HaltQueue halts;
  @Inject GatewayConfig config;

  private final List<PollingLoop> loops = new ArrayList<>();

  void onStart(@Observes StartupEvent event) {
    start("dispatcher", dispatch, config.dispatchConcurrency());
    start("deadline-scanner", overdue, config.deadlineConcurrency());
    start("runner-halter", halts, config.haltConcurrency());
  }

  private void start(String name, WorkQueue.Steps<?, ?> steps, int loopCount) {
    for (int i = 1; i <= loopCount; i++) {
      loops.add(
          WorkQueue.loop(
              name + "-" + i, steps, config.dispatchInterval(), config.dispatchMaxBackoff()));
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    loops.forEach(PollingLoop::close);
  }
}
