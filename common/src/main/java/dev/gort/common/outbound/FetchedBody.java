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
  private final String url;

  FetchedBody(byte[] bytes, int length) {
    this(bytes, length, null, false, null);
  }

  FetchedBody(byte[] bytes, int length, String contentType, boolean truncated) {
    this(bytes, length, contentType, truncated, null);
  }

  private FetchedBody(byte[] bytes, int length, String contentType, boolean truncated, String url) {
    this.bytes = bytes;
    this.length = length;
    this.contentType = contentType;
    this.truncated = truncated;
    this.url = url;
  }

  /** The same body, answered at {@code url}. */
  FetchedBody at(String url) {
    return new FetchedBody(bytes, length, contentType, truncated, url);
  }

  /**
   * The URL that answered with this body: the one asked for, or where the redirects the guard
   * followed led (for a protocol whose next requests go where the first one was redirected: Git's
   * smart HTTP).
   */
  public String url() {
    return url;
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
