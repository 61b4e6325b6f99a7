package dev.gort.gateway.dispatch;

import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Requested runs ({@code gort.runs.requested}) become attempts waiting for a runner. */
@ApplicationScoped
public class RunRequestConsumer {

  @Inject DispatchService dispatch;

  @Incoming("run-requests")
  @Blocking
  @Retry(maxRetries = 5, delay = 500, abortOn = MalformedEventException.class)
  public void onRunRequested(String message) {
    dispatch.accept(EnvelopeCodec.decode(message));
  }
}
