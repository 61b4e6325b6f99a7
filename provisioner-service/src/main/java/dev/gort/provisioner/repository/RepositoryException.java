package dev.gort.provisioner.repository;

/**
 * A repository could not be read (seed 004, failure point 1). The message is for the owner: the
 * reason in a few words and the seed's advice, nothing of what lies behind the URL.
 */
public class RepositoryException extends Exception {

  /** Why, in the terms an owner can act on. */
  public enum Reason {
    /**
     * The URL is not one Gort may clone (not https, a local path, another scheme, a private
     * address).
     */
    REFUSED("refused: only public https Git repositories can be cloned"),
    /** The server says there is no (public) repository there. */
    NOT_FOUND("not found"),
    /** The repository is larger than Gort clones. */
    TOO_LARGE("too large"),
    /** The clone took longer than allowed. */
    TIMED_OUT("timed out"),
    /** Anything else: no connection, not a Git server, a broken answer. */
    FAILED("the Git server could not be reached or did not answer as one");

    private final String words;

    Reason(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }

    /** Whether a second attempt may succeed where the first failed. */
    boolean retryable() {
      return this != REFUSED && this != TOO_LARGE;
    }
  }

  /** The seed's advice for failure point 1. */
  public static final String ADVICE = "check the URL, try a different repository";

  private final Reason reason;

  public RepositoryException(Reason reason) {
    super(
        "the repository could not be cloned (" + reason.words() + "): " + ADVICE,
        null,
        false,
        false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
