package dev.gort.notifier.notification;

import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Finished runs ({@code gort.runs.finished}) become notifications to their owners. */
@ApplicationScoped
public class RunFinishedConsumer {

  @Inject NotificationService notifications;

  @Incoming("runs-finished")
  @Blocking
  @Retry(maxRetries = 5, delay = 500, abortOn = MalformedEventException.class)
  public void onRunFinished(String message) {
    notifications.accept(EnvelopeCodec.decode(message));
  }
}
