package dev.gort.scheduler.operation;

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
  public Optional<OperationView> find(String operationId) {
    return runs.findByOperation(operationId).map(OperationStatus::of);
  }

  @Override
  public boolean cancellable() {
    return true;
  }

  @Override
  public Optional<Cancelled> cancel(String operationId) {
    return runs.cancel(operationId)
        .map(
            c ->
                new Cancelled(
                    OperationStatus.of(c.run()), c.outcome() == CancelOutcome.ALREADY_FINISHED));
  }
}
