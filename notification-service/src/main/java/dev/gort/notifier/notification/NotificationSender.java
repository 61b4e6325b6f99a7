package dev.gort.notifier.notification;

import dev.gort.common.polling.PollingLoop;
import dev.gort.common.workqueue.WorkQueue;
import dev.gort.notifier.config.NotifierConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Keeps sending due notifications while the service is up. */
@ApplicationScoped
public class NotificationSender {

  private static final Logger LOG = Logger.getLogger(NotificationSender.class);

  @Inject NotificationDelivery delivery;
  @Inject NotifierConfig config;

  private volatile PollingLoop loop;

  void onStart(@Observes StartupEvent event) {
    if (config.webhookSecret().filter(s -> !s.isBlank()).isEmpty()) {
      LOG.warn(
          "no webhook secret (gort.notifier.webhook-secret): generic webhook notifications fail"
              + " until one is set");
    }
    loop =
        WorkQueue.loop("notification-sender", delivery, config.sendInterval(), config.maxBackoff());
  }

  /** Takes new notifications now instead of at the next turn of the loop. */
  public void wake() {
    PollingLoop current = loop;
    if (current != null) {
      current.wake();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.close();
    }
  }
}
