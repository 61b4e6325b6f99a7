package dev.gort.scheduler.operation.environment;

import dev.gort.common.consumer.ConsumerRetry;
import dev.gort.common.event.EnvelopeCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the provisioner's environments ({@code gort.environments.status}) into the operations
 * list. A message that is not a Gort event goes to the dead-letter topic; while the database is
 * down the event waits ({@link ConsumerRetry}).
 */
@ApplicationScoped
public class EnvironmentStatusConsumer {

  @Inject EnvironmentMirror mirror;
  @Inject ConsumerRetry retry;

  @Incoming("environment-events")
  @Blocking
  public void onEnvironmentStatus(String message) {
    retry.untilDone(EnvironmentMirror.CONSUMER, () -> mirror.apply(EnvelopeCodec.decode(message)));
  }
}
