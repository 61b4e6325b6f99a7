package dev.gort.scheduler.operation;

import dev.gort.common.operation.OperationView;
import dev.gort.common.security.Caller;
import dev.gort.scheduler.run.RunService;
import dev.gort.scheduler.run.RunService.CancelOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Kind {@code test-run}: every test run has an operation, and a run can be cancelled. */
@ApplicationScoped
public class TestRunOperations implements OperationKind {

  @Inject RunService runs;

  @Override
  public String name() {
    return OperationStatus.KIND_TEST_RUN;
  }

  @Override
  public Optional<OperationView> find(String operationId, Caller caller) {
    return runs.findByOperation(operationId)
        .filter(run -> caller.mayActFor(run.owner()))
        .map(OperationStatus::of);
  }

  @Override
  public boolean cancellable() {
    return true;
  }

  @Override
  public Optional<Cancelled> cancel(String operationId, Caller caller) {
    return runs.cancel(operationId, caller)
        .map(
            c ->
                new Cancelled(
                    OperationStatus.of(c.run()), c.outcome() == CancelOutcome.ALREADY_FINISHED));
  }
}
