package dev.gort.common.outbound;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The body of a fetched document, at most the size cap the fetch was given. */
public final class FetchedBody {

  private final byte[] bytes;
  private final int length;
  private final String contentType;

  FetchedBody(byte[] bytes, int length) {
    this(bytes, length, null);
  }

  FetchedBody(byte[] bytes, int length, String contentType) {
    this.bytes = bytes;
    this.length = length;
    this.contentType = contentType;
  }

  /**
   * The answer's {@code Content-Type} as the destination wrote it (parameters included), or null
   * when it wrote none: for a protocol that tells answers apart by it (Git's smart HTTP).
   */
  public String contentType() {
    return contentType;
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
