package dev.gort.provisioner.decision;

/** The model gave no answer to use: it could not be reached in time, or it refused. */
public final class ModelFailure extends Exception {

  /** How the model failed. */
  public enum Kind {
    /** Not reached, too slow, or an HTTP error (rate limit, server error, key refused). */
    UNAVAILABLE,
    /** It answered with a refusal instead of content. */
    REFUSED
  }

  private final Kind kind;

  ModelFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
