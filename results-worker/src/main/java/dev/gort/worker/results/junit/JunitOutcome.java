package dev.gort.worker.results.junit;

import dev.gort.worker.results.ParseLimits;

/** One outcome element as read: its {@code message} attribute and its text (a stack trace). */
final class JunitOutcome {

  /** Lines of the text kept in a message: the top of a stack trace is where its cause is. */
  static final int TEXT_LINES = 10;

  final OutcomeElement element;
  private final String message;
  private final BoundedText text;

  JunitOutcome(OutcomeElement element, String message, int maxMessageChars) {
    this.element = element;
    this.message = ParseLimits.cut(blankToNull(message), maxMessageChars + 1);
    this.text = new BoundedText(maxMessageChars + 1);
  }

  BoundedText text() {
    return text;
  }

  /**
   * The message attribute followed by the first lines of the text, or either alone; the attribute
   * is left out when the text already says it (Surefire and Gradle start the trace with it).
   */
  String describe(int maxMessageChars) {
    String lines = text.isBlank() ? null : text.firstLines(TEXT_LINES);
    String described;
    if (lines == null) {
      described = message;
    } else if (message == null || lines.contains(message)) {
      described = lines;
    } else {
      described = message + "\n" + lines;
    }
    return ParseLimits.cut(described, maxMessageChars);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
