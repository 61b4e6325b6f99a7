package dev.gort.gateway.cancel;

import dev.gort.common.consumer.ConsumerRetry;
import dev.gort.common.event.EnvelopeCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Owners' cancels ({@code gort.runs.cancel-requested}) stop runs at the gateway and runner. */
@ApplicationScoped
public class CancelRequestConsumer {

  @Inject CancelService cancels;
  @Inject ConsumerRetry retry;

  @Incoming("cancel-requests")
  @Blocking
  public void onCancelRequested(String message) {
    retry.untilDone(
        CancelService.CONSUMER, () -> cancels.onCancelRequested(EnvelopeCodec.decode(message)));
  }
}
