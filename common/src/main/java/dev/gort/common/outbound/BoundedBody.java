package dev.gort.common.outbound;

import io.vertx.core.buffer.Buffer;

/**
 * A response body read chunk by chunk into one array that never grows past the cap; a chunk that
 * would pass it is not taken at all. Each chunk is copied from the network buffer straight into the
 * array, which is sized from {@code Content-Length} when the server gives one (no copy after that)
 * and otherwise doubles as it fills. Used on one event loop.
 */
final class BoundedBody {

  private static final int FIRST_ALLOCATION = 8 * 1024;

  private final int cap;
  private byte[] bytes;
  private int length;

  /**
   * @param declaredLength the response's {@code Content-Length}, or -1; at most {@code cap}
   */
  BoundedBody(int cap, long declaredLength) {
    this.cap = cap;
    long first = declaredLength >= 0 ? declaredLength : FIRST_ALLOCATION;
    this.bytes = new byte[(int) Math.min(cap, first)];
  }

  /** Takes {@code chunk}, or answers false (and takes nothing) when it would pass the cap. */
  boolean append(Buffer chunk) {
    int n = chunk.length();
    if (n > cap - length) {
      return false;
    }
    if (length + n > bytes.length) {
      long doubled = Math.max((long) bytes.length * 2, (long) length + n);
      byte[] larger = new byte[(int) Math.min(cap, doubled)];
      System.arraycopy(bytes, 0, larger, 0, length);
      bytes = larger;
    }
    chunk.getBytes(bytes, length);
    length += n;
    return true;
  }

  int capacity() {
    return bytes.length;
  }

  FetchedBody body() {
    return body(null);
  }

  FetchedBody body(String contentType) {
    return new FetchedBody(bytes, length, contentType, false);
  }

  /** What was read of an answer that went on past the cap. */
  FetchedBody truncatedBody(String contentType) {
    return new FetchedBody(bytes, length, contentType, true);
  }
}
