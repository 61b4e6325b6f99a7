package dev.gort.gateway.dispatch;

import dev.gort.common.consumer.ConsumerRetry;
import dev.gort.common.event.EnvelopeCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Requested runs ({@code gort.runs.requested}) become attempts waiting for a runner. */
@ApplicationScoped
public class RunRequestConsumer {

  @Inject RequestIntake dispatch;
  @Inject ConsumerRetry retry;

  @Incoming("run-requests")
  @Blocking
  public void onRunRequested(String message) {
    retry.untilDone(RequestIntake.CONSUMER, () -> dispatch.accept(EnvelopeCodec.decode(message)));
  }
}
