package dev.gort.common.outbound;

/**
 * Inside the guard: why one fetch did not succeed, in detail. The detail goes to the log only; the
 * caller gets an {@link OutboundFetchException}. No stack trace: it is an answer, not a bug.
 */
final class NotFetchedException extends Exception {

  private final boolean refused;
  private final boolean connectFailed;
  private final int status;

  private NotFetchedException(String detail, boolean refused, boolean connectFailed, int status) {
    super(detail, null, false, false);
    this.refused = refused;
    this.connectFailed = connectFailed;
    this.status = status;
  }

  /** The guard refused the URL or its destination; nothing was sent. */
  static NotFetchedException refused(String detail) {
    return new NotFetchedException(detail, true, false, 0);
  }

  /** The fetch was tried and failed. */
  static NotFetchedException failed(String detail) {
    return new NotFetchedException(detail, false, false, 0);
  }

  /** The server answered with {@code status}, which the caller did not ask for. */
  static NotFetchedException answered(int status, String detail) {
    return new NotFetchedException(detail, false, false, status);
  }

  /** No connection to one address: the next address the host resolved to may be tried. */
  static NotFetchedException connectFailed(String detail) {
    return new NotFetchedException(detail, false, true, 0);
  }

  boolean refused() {
    return refused;
  }

  boolean connectFailed() {
    return connectFailed;
  }

  /** The HTTP status the server answered with, or 0 when it gave none. */
  int status() {
    return status;
  }
}
