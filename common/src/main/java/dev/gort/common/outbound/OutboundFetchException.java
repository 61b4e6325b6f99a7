package dev.gort.common.outbound;

/**
 * A URL from outside could not be fetched (or posted to). The message is the same whatever went
 * wrong ("{@code <what> could not be fetched from <host>}", "{@code <what> could not be delivered
 * to <host>}"): refused address, closed port, timeout and size are only in the guard's log, so the
 * answer does not let whoever wrote the URL map what Gort can reach. A POST's caller learns the
 * status its destination answered with ({@link #status()}), to tell a retry from a refusal.
 */
public class OutboundFetchException extends Exception {

  private final boolean refused;
  private final int status;

  public OutboundFetchException(String what, String host, boolean refused) {
    this(what + " could not be fetched from " + host, refused, 0);
  }

  private OutboundFetchException(String message, boolean refused, int status) {
    super(message, null, false, false);
    this.refused = refused;
    this.status = status;
  }

  /**
   * A POST that did not succeed: refused, not answered ({@code status} 0), or answered with a
   * status other than 2xx.
   */
  public static OutboundFetchException notDelivered(
      String what, String host, boolean refused, int status) {
    return new OutboundFetchException(what + " could not be delivered to " + host, refused, status);
  }

  /**
   * True when the guard refused the URL or its destination before sending anything (a caller may
   * decide not to retry); false when the fetch was tried and failed.
   */
  public boolean refused() {
    return refused;
  }

  /**
   * For a POST: the status the destination answered with when it was not 2xx (a redirect included:
   * a POST follows none), or 0 when it gave no answer (refused, no connection, timeout, broken
   * answer). Always 0 for a GET, whose caller learns nothing of the answer.
   */
  public int status() {
    return status;
  }
}
