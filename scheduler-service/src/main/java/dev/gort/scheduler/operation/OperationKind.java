package dev.gort.scheduler.operation;

import dev.gort.common.operation.OperationView;
import dev.gort.common.security.Caller;
import java.util.Optional;

/**
 * The operations of one kind (seed 001, "Operations resource"): how one is found, and whether and
 * how it is cancelled. A kind is a bean; {@code /api/v1/operations/{id}} asks each kind in turn.
 * The list, {@code GET /api/v1/operations}, is one SQL query ({@link OperationQuery}) over test
 * runs and environments: a kind with operations of its own adds them there too.
 */
public interface OperationKind {

  /** The kind's name, as operations show it in {@code kind}, e.g. {@code test-run}. */
  String name();

  /**
   * The operation {@code operationId}, if it is one of this kind's and {@code caller} may see it
   * (another owner's operation is not found).
   */
  Optional<OperationView> find(String operationId, Caller caller);

  /**
   * Whether this kind's operations can be cancelled; a {@code DELETE} on one that cannot is
   * answered 405 (seed 001).
   */
  boolean cancellable();

  /**
   * Cancels the operation {@code operationId} for {@code caller}, idempotently; only called when
   * {@link #cancellable()}.
   *
   * @return empty when the operation is not one of this kind's, or not the caller's
   */
  Optional<Cancelled> cancel(String operationId, Caller caller);

  /**
   * The operation after a cancel; {@code alreadyFinished} when it had already finished otherwise,
   * so nothing changed.
   */
  record Cancelled(OperationView operation, boolean alreadyFinished) {}
}
