package dev.gort.scheduler.pipeline;

import dev.gort.common.operation.OperationView;
import dev.gort.common.security.Caller;
import dev.gort.scheduler.operation.OperationKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Kind {@code pipeline-run}: every pipeline run has an operation; cancelling it skips the steps not
 * yet final and halts the jobs still running.
 */
@ApplicationScoped
public class PipelineRunOperations implements OperationKind {

  @Inject PipelineRuns runs;

  @Override
  public String name() {
    return PipelineOperationStatus.KIND;
  }

  @Override
  public Optional<OperationView> find(String operationId, Caller caller) {
    return runs.findByOperation(operationId, caller).map(PipelineOperationStatus::of);
  }

  @Override
  public boolean cancellable() {
    return true;
  }

  @Override
  public Optional<Cancelled> cancel(String operationId, Caller caller) {
    return runs.cancel(operationId, caller)
        .map(c -> new Cancelled(PipelineOperationStatus.of(c.run()), c.alreadyFinished()));
  }
}
