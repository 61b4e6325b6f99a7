package dev.gort.provisioner.cloud;

import dev.gort.common.web.Untrusted;

/**
 * A cloud call that did not do what was asked; {@link #kind()} says what to do about it. The
 * message is escaped and bounded (it may quote what the cloud answered) and never holds a token or
 * password.
 */
public class CloudException extends RuntimeException {

  /** Longest message kept, in characters of the original. */
  static final int MESSAGE_LENGTH = 300;

  /** What went wrong, as far as the caller's next move is concerned. */
  public enum Kind {
    /** The resource does not exist (or no longer). */
    NOT_FOUND(false),
    /** Blazar has no free host of the node type asked for (seed 004, failure point 3). */
    NO_RESOURCES(false),
    /** No floating IP left in the pool, or the quota is used up (seed 004, failure point 7). */
    EXHAUSTED(false),
    /**
     * The cloud refused the request (4xx other than the above, bad credentials, not configured).
     */
    REFUSED(false),
    /** The cloud did not answer usefully (5xx, timeout, connection refused): retry later. */
    UNAVAILABLE(true);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;

  public CloudException(Kind kind, String message) {
    this(kind, message, null);
  }

  public CloudException(Kind kind, String message, Throwable cause) {
    // the cause is kept for the stack trace only; its message may quote a raw body
    super(Untrusted.escape(message == null ? kind.name() : message, MESSAGE_LENGTH), cause);
    this.kind = kind;
  }

  private CloudException(Kind kind, CloudException escaped) {
    super(escaped.getMessage(), escaped);
    this.kind = kind;
  }

  /** The same failure (message, cause) as another kind, without escaping its message twice. */
  CloudException as(Kind other) {
    return new CloudException(other, this);
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind.retryable();
  }
}
