package dev.gort.common.outbound;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The body of a fetched document, at most the size cap the fetch was given. */
public final class FetchedBody {

  private final byte[] bytes;
  private final int length;

  FetchedBody(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
  }

  public int length() {
    return length;
  }

  /** The body decoded as UTF-8 (JSON's encoding), straight from the buffer it was read into. */
  public String text() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** The body as a stream over the buffer it was read into; nothing is copied. */
  public InputStream stream() {
    return new ByteArrayInputStream(bytes, 0, length);
  }
}
