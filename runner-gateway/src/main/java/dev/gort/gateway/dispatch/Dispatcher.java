package dev.gort.gateway.dispatch;

import dev.gort.common.polling.PollingLoop;
import dev.gort.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Keeps handing due attempts to runners while the gateway is up. */
@ApplicationScoped
public class Dispatcher {

  @Inject DispatchService dispatch;
  @Inject GatewayConfig config;

  private PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    loop =
        new PollingLoop(
                "dispatcher",
                dispatch::dispatchNextDue,
                config.dispatchInterval(),
                config.dispatchMaxBackoff())
            .start();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
  }
}
