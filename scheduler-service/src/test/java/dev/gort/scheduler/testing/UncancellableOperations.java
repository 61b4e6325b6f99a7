package dev.gort.scheduler.testing;

import dev.gort.common.operation.OperationView;
import dev.gort.common.security.Caller;
import dev.gort.scheduler.operation.OperationKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * A kind of operation that cannot be cancelled, for the tests only: every test run can be, so the
 * 405 of seed 001 needs a kind that cannot. Its operations are the ids starting {@code
 * uncancellable-}, always running.
 */
@ApplicationScoped
public class UncancellableOperations implements OperationKind {

  public static final String NAME = "uncancellable-for-tests";
  public static final String PREFIX = "uncancellable-";
  private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<OperationView> find(String operationId, Caller caller) {
    if (!operationId.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(
        new OperationView(operationId, NAME, "running", CREATED, CREATED, 50, null, null));
  }

  @Override
  public boolean cancellable() {
    return false;
  }

  @Override
  public Optional<Cancelled> cancel(String operationId, Caller caller) {
    throw new IllegalStateException("asked to cancel " + operationId + " of a kind that cannot be");
  }
}
