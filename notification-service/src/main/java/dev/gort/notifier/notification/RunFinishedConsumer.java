package dev.gort.notifier.notification;

import dev.gort.common.consumer.ConsumerRetry;
import dev.gort.common.event.EnvelopeCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Finished runs ({@code gort.runs.finished}) become notifications to their owners. */
@ApplicationScoped
public class RunFinishedConsumer {

  @Inject NotificationService notifications;
  @Inject ConsumerRetry retry;
  @Inject NotificationSender sender;

  @Incoming("runs-finished")
  @Blocking
  public void onRunFinished(String message) {
    retry.untilDone(
        NotificationService.CONSUMER, () -> notifications.accept(EnvelopeCodec.decode(message)));
    // the intents are committed: send them now rather than at the sender's next turn
    sender.wake();
  }
}
