package dev.gort.common.outbound;

/**
 * A URL from outside could not be fetched. The message is the same whatever went wrong ("{@code
 * <what> could not be fetched from <host>}"): refused address, closed port, status, timeout and
 * size are only in the guard's log, so the answer does not let whoever wrote the URL map what Gort
 * can reach.
 */
public class OutboundFetchException extends Exception {

  private final boolean refused;

  public OutboundFetchException(String what, String host, boolean refused) {
    super(what + " could not be fetched from " + host, null, false, false);
    this.refused = refused;
  }

  /**
   * True when the guard refused the URL or its destination before sending anything (a caller may
   * decide not to retry); false when the fetch was tried and failed.
   */
  public boolean refused() {
    return refused;
  }
}
