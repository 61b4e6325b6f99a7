package dev.gort.worker.results.tap;

/**
 * The lines of a test point's YAML diagnostics, between its indented {@code ---} and {@code ...}. A
 * line indented less than the {@code ---} ends the block even without its {@code ...} (TAP indents
 * the block so that a reader can recover). At most {@link #MAX_CHARS} are kept.
 */
final class YamlBlock {

  /** Most characters of YAML kept per test point; a larger block is kept raw, not parsed. */
  static final int MAX_CHARS = 64 * 1024;

  private final int indent;
  private final StringBuilder text = new StringBuilder();
  private boolean open = true;
  private boolean oversized;

  YamlBlock(int indent) {
    this.indent = indent;
  }

  boolean open() {
    return open;
  }

  /** Whether the block kept more than it could hold. */
  boolean oversized() {
    return oversized;
  }

  String text() {
    return text.toString();
  }

  /**
   * Takes {@code raw} if it belongs to the block (a line of it, or its closing {@code ...}); a line
   * indented less closes the block and is not taken.
   */
  boolean accept(String raw) {
    int spaces = 0;
    while (spaces < raw.length() && raw.charAt(spaces) == ' ') {
      spaces++;
    }
    String content = raw.substring(spaces).stripTrailing();
    if (content.isEmpty()) {
      append("");
      return true;
    }
    if (spaces < indent) {
      open = false;
      return false;
    }
    if (spaces == indent && content.equals("...")) {
      open = false;
      return true;
    }
    append(raw.substring(indent));
    return true;
  }

  private void append(String line) {
    if (oversized) {
      return;
    }
    if (text.length() + line.length() + 1 > MAX_CHARS) {
      oversized = true;
      text.append(line, 0, MAX_CHARS - text.length());
      return;
    }
    text.append(line).append('\n');
  }
}
