package dev.gort.scheduler.run;

import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reacts to what the gateway and the worker report about runs ({@code gort.runs.status}, {@code
 * gort.results.evaluated}). A message that is not a Gort event goes to the dead-letter topic; a
 * transient failure (database) is retried before that.
 */
@ApplicationScoped
public class RunEventConsumer {

  @Inject RunProgress progress;

  @Incoming("run-events")
  @Blocking
  @Retry(maxRetries = 5, delay = 500, abortOn = MalformedEventException.class)
  public void onRunEvent(String message) {
    progress.apply(EnvelopeCodec.decode(message));
  }
}
