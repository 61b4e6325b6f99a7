package dev.gort.common.workqueue;

/**
 * What came of a call: its {@code answer}, or the {@code failure} it threw (never both).
 *
 * @param <A> the answer's type
 */
public record Result<A>(A answer, RuntimeException failure) {

  public static <A> Result<A> answered(A answer) {
    return new Result<>(answer, null);
  }

  public static <A> Result<A> failed(RuntimeException failure) {
    if (failure == null) {
      throw new IllegalArgumentException("a failed call has a failure");
    }
    return new Result<>(null, failure);
  }

  public boolean succeeded() {
    return failure == null;
  }

  /** Why the call failed, never null: the failure's message, or its class when it has none. */
  public String why() {
    if (failure == null) {
      return null;
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
