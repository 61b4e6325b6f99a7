package dev.gort.worker.results.junit;

/**
 * Text collected up to a cap: characters past it are dropped as they arrive, so a 50 MB {@code
 * system-out} costs the cap, not 50 MB.
 */
final class BoundedText {

  private final int cap;
  private final StringBuilder text = new StringBuilder();

  /**
   * @param cap most characters kept; keep one more than the limit the text is later cut to, so that
   *     the cut can tell that there was more and mark it
   */
  BoundedText(int cap) {
    this.cap = cap;
  }

  void append(char[] chars, int start, int length) {
    int room = cap - text.length();
    if (room > 0) {
      text.append(chars, start, Math.min(room, length));
    }
  }

  /** Starts a new line unless the text is empty or already ends one. */
  void breakLine() {
    if (text.length() > 0 && text.charAt(text.length() - 1) != '\n' && text.length() < cap) {
      text.append('\n');
    }
  }

  boolean isBlank() {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
