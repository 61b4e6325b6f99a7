package dev.gort.common.outbound;

/**
 * A URL from outside could not be fetched (or posted to). The message is the same whatever went
 * wrong ("{@code <what> could not be fetched from <host>}", "{@code <what> could not be delivered
 * to <host>}"): refused address, closed port, timeout and size are only in the guard's log, so the
 * answer does not let whoever wrote the URL map what Gort can reach. A POST's caller learns the
 * status its destination answered with ({@link #status()}), to tell a retry from a refusal.
 */
public class OutboundFetchException extends Exception {

  /** What kind of failure it was, without the detail (which is only in the guard's log). */
  public enum Failure {
    /** The guard refused the URL or its destination; nothing was sent. */
    REFUSED,
    /** The destination answered with a status the caller did not ask for ({@link #status()}). */
    ANSWERED,
    /** The answer was larger than the size cap. */
    TOO_LARGE,
    /** The deadline or the read timeout ran out (a name that did not resolve in time included). */
    TIMED_OUT,
    /** Anything else: no connection, a name that does not resolve, a broken answer. */
    FAILED
  }

  private final Failure failure;
  private final int status;

  public OutboundFetchException(String what, String host, boolean refused) {
    this(
        what + " could not be fetched from " + host, refused ? Failure.REFUSED : Failure.FAILED, 0);
  }

  private OutboundFetchException(String message, Failure failure, int status) {
    super(message, null, false, false);
    this.failure = failure;
    this.status = status;
  }

  /** A GET that did not succeed: {@code status} is the one it was answered with, or 0. */
  static OutboundFetchException notFetched(String what, String host, Failure failure, int status) {
    return new OutboundFetchException(what + " could not be fetched from " + host, failure, status);
  }

  /**
   * A POST that did not succeed: refused, not answered ({@code status} 0), or answered with a
   * status other than 2xx.
   */
  public static OutboundFetchException notDelivered(
      String what, String host, boolean refused, int status) {
    return notDelivered(what, host, refused ? Failure.REFUSED : Failure.FAILED, status);
  }

  static OutboundFetchException notDelivered(
      String what, String host, Failure failure, int status) {
    return new OutboundFetchException(what + " could not be delivered to " + host, failure, status);
  }

  /**
   * True when the guard refused the URL or its destination before sending anything (a caller may
   * decide not to retry); false when the fetch was tried and failed.
   */
  public boolean refused() {
    return failure == Failure.REFUSED;
  }

  public Failure failure() {
    return failure;
  }

  /**
   * The status the destination answered with when the caller did not ask for it ({@link
   * Failure#ANSWERED}): for a POST one that was not 2xx (a redirect included: a POST follows none),
   * for a GET one that was neither 200 nor a redirect (a redirect that was not followed gives 0). 0
   * when there was no such answer (refused, no connection, timeout, too large, broken answer).
   */
  public int status() {
    return status;
  }
}
