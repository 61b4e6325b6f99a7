package dev.gort.common.outbound;

/**
 * Inside the guard: why one fetch did not succeed, in detail. The detail goes to the log only; the
 * caller gets an {@link OutboundFetchException}. No stack trace: it is an answer, not a bug.
 */
final class NotFetchedException extends Exception {

  private final boolean refused;
  private final boolean connectFailed;

  private NotFetchedException(String detail, boolean refused, boolean connectFailed) {
    super(detail, null, false, false);
    this.refused = refused;
    this.connectFailed = connectFailed;
  }

  /** The guard refused the URL or its destination; nothing was sent. */
  static NotFetchedException refused(String detail) {
    return new NotFetchedException(detail, true, false);
  }

  /** The fetch was tried and failed. */
  static NotFetchedException failed(String detail) {
    return new NotFetchedException(detail, false, false);
  }

  /** No connection to one address: the next address the host resolved to may be tried. */
  static NotFetchedException connectFailed(String detail) {
    return new NotFetchedException(detail, false, true);
  }

  boolean refused() {
    return refused;
  }

  boolean connectFailed() {
    return connectFailed;
  }
}
