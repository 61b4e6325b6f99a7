package dev.gort.notifier.notification;

import dev.gort.common.polling.PollingLoop;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.notifier.config.NotifierConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Keeps sending due notifications while the service is up. */
@ApplicationScoped
public class NotificationSender {

  @Inject NotificationDelivery delivery;
  @Inject NotifierConfig config;

  private PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    loop =
        WorkQueue.loop("notification-sender", delivery, config.sendInterval(), config.maxBackoff());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
  }
}
