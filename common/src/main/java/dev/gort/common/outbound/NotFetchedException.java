package dev.gort.common.outbound;

/**
 * Inside the guard: why one fetch did not succeed, in detail. The detail goes to the log only; the
 * caller gets an {@link OutboundFetchException}. No stack trace: it is an answer, not a bug.
 */
final class NotFetchedException extends Exception {

  private final OutboundFetchException.Failure failure;
  private final boolean connectFailed;
  private final int status;

  private NotFetchedException(
      String detail, OutboundFetchException.Failure failure, boolean connectFailed, int status) {
    super(detail, null, false, false);
    this.failure = failure;
    this.connectFailed = connectFailed;
    this.status = status;
  }

  /** The guard refused the URL or its destination; nothing was sent. */
  static NotFetchedException refused(String detail) {
    return new NotFetchedException(detail, OutboundFetchException.Failure.REFUSED, false, 0);
  }

  /** The fetch was tried and failed. */
  static NotFetchedException failed(String detail) {
    return new NotFetchedException(detail, OutboundFetchException.Failure.FAILED, false, 0);
  }

  /** The answer passed the size cap it was read under. */
  static NotFetchedException tooLarge(String detail) {
    return new NotFetchedException(detail, OutboundFetchException.Failure.TOO_LARGE, false, 0);
  }

  /** The deadline or the read timeout ran out. */
  static NotFetchedException timedOut(String detail) {
    return new NotFetchedException(detail, OutboundFetchException.Failure.TIMED_OUT, false, 0);
  }

  /** The server answered with {@code status}, which the caller did not ask for. */
  static NotFetchedException answered(int status, String detail) {
    return new NotFetchedException(detail, OutboundFetchException.Failure.ANSWERED, false, status);
  }

  /** No connection to one address: the next address the host resolved to may be tried. */
  static NotFetchedException connectFailed(String detail) {
    return new NotFetchedException(detail, OutboundFetchException.Failure.FAILED, true, 0);
  }

  boolean refused() {
    return failure == OutboundFetchException.Failure.REFUSED;
  }

  OutboundFetchException.Failure failure() {
    return failure;
  }

  boolean connectFailed() {
    return connectFailed;
  }

  /** The HTTP status the server answered with, or 0 when it gave none. */
  int status() {
    return status;
  }
}
