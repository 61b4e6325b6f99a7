package dev.gort.gateway;

import dev.gort.common.polling.PollingLoop;
import dev.gort.gateway.cancel.RunnerHalter;
import dev.gort.gateway.config.GatewayConfig;
import dev.gort.gateway.dispatch.DeadlineScanner;
import dev.gort.gateway.dispatch.DispatchService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's background work while it is up: handing due attempts to runners, polling the
 * runners of attempts past their deadline and timing those out, and halting jobs at runners.
 */
@ApplicationScoped
public class GatewayLoops {

  @Inject DispatchService dispatch;
  @Inject DeadlineScanner deadlines;
  @Inject RunnerHalter halter;
  @Inject GatewayConfig config;

  private final List<PollingLoop> loops = new ArrayList<>();

  void onStart(@Observes StartupEvent event) {
    // dispatchers skip each other's locked rows, so several share the due attempts safely
    for (int i = 1; i <= config.dispatchConcurrency(); i++) {
      loops.add(loop("dispatcher-" + i, dispatch::dispatchNextDue));
    }
    // status polls run outside the claim's transaction, so scanners poll different runners at once
    for (int i = 1; i <= config.deadlineConcurrency(); i++) {
      loops.add(loop("deadline-scanner-" + i, deadlines::scanNext));
    }
    // halts, too, call runners outside any transaction: several loops halt at once
    for (int i = 1; i <= config.haltConcurrency(); i++) {
      loops.add(loop("runner-halter-" + i, halter::haltNextDue));
    }
  }

  private PollingLoop loop(String name, java.util.concurrent.Callable<Boolean> task) {
    return new PollingLoop(name, task, config.dispatchInterval(), config.dispatchMaxBackoff())
        .start();
  }

  void onStop(@Observes ShutdownEvent event) {
    loops.forEach(PollingLoop::close);
  }
}
