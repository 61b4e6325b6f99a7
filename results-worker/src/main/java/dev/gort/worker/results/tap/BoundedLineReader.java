package dev.gort.worker.results.tap;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ending in {@code \n}, {@code \r\n} or {@code \r}, keeping at most {@code maxChars}
 * characters of each: the rest of a longer line is read past, never held, so a 100 MB line costs
 * time but not heap.
 */
final class BoundedLineReader {

  /** Longest line kept; TAP lines are short, a longer one is cut. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private boolean skipLineFeed;
  private long lineNumber;

  BoundedLineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line without its terminator, cut to {@code maxChars}; null at the end. */
  String readLine() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position == limit && !fill()) {
        if (line == null) {
          return null;
        }
        return finish(line);
      }
      char c = buffer[position++];
      if (skipLineFeed) {
        skipLineFeed = false;
        if (c == '\n') {
          continue;
        }
      }
      if (c == '\n' || c == '\r') {
        skipLineFeed = c == '\r';
        return finish(line == null ? new StringBuilder() : line);
      }
      if (line == null) {
        line = new StringBuilder();
      }
      if (line.length() < maxChars) {
        line.append(c);
      }
    }
  }

  /** The number of the line last returned, counting from 1. */
  long lineNumber() {
    return lineNumber;
  }

  private String finish(StringBuilder line) {
    lineNumber++;
    if (lineNumber == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
      line.deleteCharAt(0);
    }
    return line.toString();
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }
}
