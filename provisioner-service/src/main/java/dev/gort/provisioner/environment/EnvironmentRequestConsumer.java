package dev.gort.provisioner.environment;

import dev.gort.common.consumer.ConsumerRetry;
import dev.gort.common.event.EnvelopeCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Environments asked for and cancelled by event ({@code gort.environments.requested}): the same
 * flow as the API, so a run can ask for hardware.
 */
@ApplicationScoped
public class EnvironmentRequestConsumer {

  @Inject EnvironmentRequests requests;
  @Inject ConsumerRetry retry;
  @Inject ProvisioningLoops loops;

  @Incoming("environments-requested")
  @Blocking
  public void onRequest(String message) {
    retry.untilDone(
        EnvironmentRequests.CONSUMER, () -> requests.accept(EnvelopeCodec.decode(message)));
    loops.wake();
  }
}
