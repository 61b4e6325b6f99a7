package dev.gort.worker.evaluation;

import dev.gort.common.event.EnvelopeCodec;
import dev.gort.common.event.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Completed runs ({@code gort.runs.status}, {@code RunCompleted}) get evaluated. */
@ApplicationScoped
public class RunCompletedConsumer {

  @Inject EvaluationService evaluations;

  @Incoming("run-status")
  @Blocking
  @Retry(maxRetries = 5, delay = 500, abortOn = MalformedEventException.class)
  public void onRunStatus(String message) {
    evaluations.handle(EnvelopeCodec.decode(message));
  }
}
