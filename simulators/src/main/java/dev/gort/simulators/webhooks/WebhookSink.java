package dev.gort.simulators.webhooks;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Keeps every webhook delivery (chat notifications and the like) in the order received. */
@Singleton
public class WebhookSink {

  private final List<WebhookDelivery> deliveries = new ArrayList<>();

  public synchronized void record(WebhookDelivery delivery) {
    deliveries.add(delivery);
  }

  public synchronized List<WebhookDelivery> deliveries(String name) {
    return deliveries.stream().filter(d -> name == null || name.equals(d.name())).toList();
  }

  public synchronized void clear() {
    deliveries.clear();
  }
}
