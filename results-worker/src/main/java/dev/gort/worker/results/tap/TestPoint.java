package dev.gort.worker.results.tap;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed test point: {@code ok 3 - description # SKIP reason}.
 *
 * @param ok whether the line said {@code ok} rather than {@code not ok}
 * @param number the test point's own number, or null when it gave none
 * @param description what the test is called, unescaped, without the leading {@code "- "}
 * @param directive the SKIP or TODO directive, if any
 * @param reason the directive's reason, unescaped; empty when none was given
 * @param timeMs node-tap's {@code # time=12.3ms} on a subtest's closing line, or null
 */
record TestPoint(
    boolean ok, Long number, String description, Directive directive, String reason, Long timeMs) {

  enum Directive {
    NONE,
    SKIP,
    TODO
  }

  private static final Pattern NUMBER = Pattern.compile("^\\s*(\\d{1,18})(?=\\s|#|$)");
  // TAP14: "everything after (TODO|SKIP)\S*\s+ is the reason"
  private static final Pattern DIRECTIVE =
      Pattern.compile("^\\s*(skip|todo)\\S*(?:\\s+(.*))?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern NODE_TAP_TIME =
      Pattern.compile("^\\s*time=(\\d{1,12}(?:\\.\\d+)?)ms$");

  /** Whether it counts against the run: {@code not ok} without a SKIP or TODO. */
  boolean fails() {
    return !ok && directive == Directive.NONE;
  }

  /** Parses a line that {@link TapLine} classified as a test point. */
  static TestPoint parse(String content) {
    boolean ok = content.startsWith("ok");
    String rest = content.substring(ok ? 2 : "not ok".length());
    Long number = null;
    Matcher numbered = NUMBER.matcher(rest);
    if (numbered.find()) {
      number = Long.parseLong(numbered.group(1));
      rest = rest.substring(numbered.end());
    }
    StringBuilder description = new StringBuilder();
    // the status or the number ended a word, so a '#' right away may open a directive
    boolean afterWhitespace = true;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (TapEscapes.isEscape(rest, i)) {
        char escaped = rest.charAt(++i);
        description.append(escaped);
        // as in TAP14's own example, "hello \\# todo" is a TODO: an escaped backslash may end it
        afterWhitespace = escaped == '\\';
        continue;
      }
      if (c == '#' && afterWhitespace) {
        String tail = rest.substring(i + 1);
        Matcher directive = DIRECTIVE.matcher(tail);
        if (directive.matches()) {
          String reason = directive.group(2) == null ? "" : directive.group(2).strip();
          return new TestPoint(
              ok,
              number,
              clean(description),
              Directive.valueOf(directive.group(1).toUpperCase(Locale.ROOT)),
              TapEscapes.unescape(reason),
              null);
        }
        Matcher time = NODE_TAP_TIME.matcher(tail);
        if (time.matches()) {
          long millis = Math.round(Double.parseDouble(time.group(1)));
          return new TestPoint(ok, number, clean(description), Directive.NONE, "", millis);
        }
        // TAP14: only the first '#' with whitespace before it can be a directive; an unknown one
        // stays in the description
        description.append('#').append(TapEscapes.unescape(tail));
        break;
      }
      description.append(c);
      afterWhitespace = Character.isWhitespace(c);
    }
    return new TestPoint(ok, number, clean(description), Directive.NONE, "", null);
  }

  private static String clean(StringBuilder description) {
    String text = description.toString().strip();
    if (text.equals("-")) {
      return "";
    }
    if (text.startsWith("- ")) {
      return text.substring(2).strip();
    }
    return text;
  }
}
