package dev.gort.console.operations;

/**
 * Where a {@code $filter} the service refused goes wrong: the expression with the offending
 * character marked and a caret under it. The service's {@code position} is a 0-based index in
 * UTF-16 units (Java's, the parser's); the page counts characters as a person does (code points,
 * from 1), so a multibyte character before the error moves the caret by one.
 *
 * @param expression the filter as sent, control characters shown as spaces so the caret lines up
 * @param position the index in {@code expression}, within 0 and its length (the end)
 */
public record FilterMarker(String expression, int position) {

  /** The marker for the service's {@code position}, kept within the expression. */
  public static FilterMarker of(String expression, int position) {
    String text = printable(expression == null ? "" : expression);
    int at = Math.max(0, Math.min(position, text.length()));
    if (at > 0
        && at < text.length()
        && Character.isLowSurrogate(text.charAt(at))
        && Character.isHighSurrogate(text.charAt(at - 1))) {
      at--;
    }
    return new FilterMarker(text, at);
  }

  /** The 1-based number of the character at fault ({@code length + 1} for the end). */
  public int character() {
    return expression.codePointCount(0, position) + 1;
  }

  public boolean atEnd() {
    return position >= expression.length();
  }

  public String before() {
    return expression.substring(0, position);
  }

  /** The character at fault; empty at the end. */
  public String at() {
    return atEnd()
        ? ""
        : expression.substring(position, expression.offsetByCodePoints(position, 1));
  }

  public String after() {
    return expression.substring(position + at().length());
  }

  /** Spaces, one per character before the fault, then {@code ^}. */
  public String caretLine() {
    return " ".repeat(character() - 1) + "^";
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return out.toString();
  }
}
