package dev.gort.common.outbound;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The body of a fetched document, at most the size cap the fetch was given. */
public final class FetchedBody {

  private final byte[] bytes;
  private final int length;
  private final String contentType;
  private final boolean truncated;

  FetchedBody(byte[] bytes, int length) {
    this(bytes, length, null, false);
  }

  FetchedBody(byte[] bytes, int length, String contentType, boolean truncated) {
    this.bytes = bytes;
    this.length = length;
    this.contentType = contentType;
    this.truncated = truncated;
  }

  /**
   * True when the answer went on past the size cap and the rest was not read: only a POST's answer
   * is ever cut (a fetch past its cap fails instead), so a caller that needs the whole answer can
   * tell it did not get it.
   */
  public boolean truncated() {
    return truncated;
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
