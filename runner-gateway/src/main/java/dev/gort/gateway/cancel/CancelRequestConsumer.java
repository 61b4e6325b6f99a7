package dev.gort.gateway.cancel;

import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Owners' cancels ({@code gort.runs.cancel-requested}) stop runs at the gateway and runner. */
@ApplicationScoped
public class CancelRequestConsumer {

  @Inject CancelService cancels;

  @Incoming("cancel-requests")
  @Blocking
  @Retry(maxRetries = 5, delay = 500, abortOn = MalformedEventException.class)
  public void onCancelRequested(String message) {
    cancels.onCancelRequested(EnvelopeCodec.decode(message));
  }
}
