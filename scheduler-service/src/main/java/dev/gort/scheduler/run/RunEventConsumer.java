package dev.gort.scheduler.run;

import dev.gort.common.consumer.ConsumerRetry;
import dev.gort.common.event.EnvelopeCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reacts to what the gateway and the worker report about runs ({@code gort.runs.status}, {@code
 * gort.results.evaluated}). A message that is not a Gort event goes to the dead-letter topic; while
 * the database is down the event waits ({@link ConsumerRetry}).
 */
@ApplicationScoped
public class RunEventConsumer {

  @Inject RunProgress progress;
  @Inject ConsumerRetry retry;

  @Incoming("run-events")
  @Blocking
  public void onRunEvent(String message) {
    retry.untilDone(RunProgress.CONSUMER, () -> progress.apply(EnvelopeCodec.decode(message)));
  }
}
