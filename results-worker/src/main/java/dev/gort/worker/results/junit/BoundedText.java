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

  /**
   * The text without the white space around it, cut after {@code lines} lines (marked as cut): one
   * copy of the part kept, however much was collected.
   */
  String firstLines(int lines) {
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int lineEnd = start - 1;
    for (int line = 0; line < lines; line++) {
      lineEnd = text.indexOf("\n", lineEnd + 1);
      if (lineEnd < 0 || lineEnd >= end) {
        return text.substring(start, end);
      }
    }
    return text.substring(start, lineEnd) + "\n…";
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
