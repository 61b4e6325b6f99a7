package dev.gort.gateway.cancel;

import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Owners' cancels ({@code gort.runs.cancel-requested}) stop runs at the gateway and runner. */
@ApplicationScoped
public class CancelRequestConsumer {

  @Inject CancelService cancels;

  @Incoming("cancel-requests")
  @Blocking
  // an attempt busy at its runner (up to the runner client's 10 s timeout) delays the cancel
  @Retry(
      maxRetries = 60,
      delay = 250,
      jitter = 100,
      maxDuration = 60,
      durationUnit = ChronoUnit.SECONDS,
      abortOn = MalformedEventException.class)
  public void onCancelRequested(String message) {
    cancels.onCancelRequested(EnvelopeCodec.decode(message));
  }
}
