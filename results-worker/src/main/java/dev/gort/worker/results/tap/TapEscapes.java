package dev.gort.worker.results.tap;

/** TAP14's escaping: {@code \#} is a literal {@code #}, {@code \\} a literal backslash. */
final class TapEscapes {

  private TapEscapes() {}

  static String unescape(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isEscape(text, i)) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Whether the backslash at {@code i} escapes the character after it. */
  static boolean isEscape(String text, int i) {
    if (text.charAt(i) != '\\' || i + 1 >= text.length()) {
      return false;
    }
    char next = text.charAt(i + 1);
    return next == '\\' || next == '#';
  }
}
