package dev.gort.worker.evaluation;

import dev.gort.common.consumer.ConsumerRetry;
import dev.gort.common.event.EnvelopeCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Completed runs ({@code gort.runs.status}, {@code RunCompleted}) get evaluated. */
@ApplicationScoped
public class RunCompletedConsumer {

  @Inject EvaluationService evaluations;
  @Inject ConsumerRetry retry;

  @Incoming("run-status")
  @Blocking
  public void onRunStatus(String message) {
    retry.untilDone(
        EvaluationService.CONSUMER, () -> evaluations.handle(EnvelopeCodec.decode(message)));
  }
}
