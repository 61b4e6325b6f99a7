package dev.gort.common.causality;

/**
 * Reads the paper's notation {@code (i,e)} back into a {@link Stamp}: {@code i ::= 0 | 1 | (i,i)},
 * {@code e ::= n | (n,e,e)}, {@code n} a decimal without leading zeros; no spaces. It comes off the
 * wire, so it accepts only the one normal encoding of a stamp, within {@link
 * Stamp#MAX_ENCODED_LENGTH} characters and {@link EventTree#MAX_VALUE}.
 */
final class StampCodec {

  private final String text;
  private int pos;

  private StampCodec(String text) {
    this.text = text;
  }

  static Stamp decode(String text) {
    if (text == null) {
      throw new MalformedStampException("no stamp", 0);
    }
    if (text.length() > Stamp.MAX_ENCODED_LENGTH) {
      throw new MalformedStampException(
          "a stamp is at most " + Stamp.MAX_ENCODED_LENGTH + " characters, not " + text.length(),
          Stamp.MAX_ENCODED_LENGTH);
    }
    StampCodec codec = new StampCodec(text);
    Stamp stamp = codec.stamp();
    if (codec.pos != text.length()) {
      throw codec.error("unexpected '" + text.charAt(codec.pos) + "' after the stamp");
    }
    return stamp;
  }

  private Stamp stamp() {
    expect('(');
    IdTree id = id();
    expect(',');
    EventTree events = events(0);
    expect(')');
    return new Stamp(id, events);
  }

  private IdTree id() {
    int start = pos;
    char c = next("an id");
    switch (c) {
      case '0':
        return IdTree.ZERO;
      case '1':
        return IdTree.ONE;
      case '(':
        IdTree left = id();
        expect(',');
        IdTree right = id();
        expect(')');
        try {
          return IdTree.node(left, right);
        } catch (IllegalArgumentException e) {
          throw new MalformedStampException("id " + e.getMessage(), start);
        }
      default:
        pos = start;
        throw error("expected an id (0, 1 or '('), found '" + c + "'");
    }
  }

  // base: the sum of the counters above this tree, so that no counter goes past MAX_VALUE
  private EventTree events(long base) {
    int start = pos;
    if (peek() != '(') {
      return EventTree.leaf(counter(base));
    }
    pos++;
    long n = counter(base);
    expect(',');
    EventTree left = events(base + n);
    expect(',');
    EventTree right = events(base + n);
    expect(')');
    try {
      return EventTree.node(n, left, right);
    } catch (IllegalArgumentException e) {
      throw new MalformedStampException("event tree " + e.getMessage(), start);
    }
  }

  private long counter(long base) {
    int start = pos;
    long value = 0;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      value = value * 10 + (text.charAt(pos) - '0');
      pos++;
      if (value > EventTree.MAX_VALUE - base) {
        throw new MalformedStampException(
            "counter above the limit " + EventTree.MAX_VALUE + " (counting the nodes above it)",
            start);
      }
    }
    if (pos == start) {
      if (pos == text.length()) {
        throw error("the stamp ends where a counter was expected");
      }
      throw error("expected a counter or '(', found '" + text.charAt(pos) + "'");
    }
    if (text.charAt(start) == '0' && pos - start > 1) {
      throw new MalformedStampException("a counter has no leading zeros", start);
    }
    return value;
  }

  private char peek() {
    if (pos == text.length()) {
      throw error("the stamp ends where a counter or '(' was expected");
    }
    return text.charAt(pos);
  }

  private char next(String what) {
    if (pos == text.length()) {
      throw error("the stamp ends where " + what + " was expected");
    }
    return text.charAt(pos++);
  }

  private void expect(char c) {
    if (pos == text.length()) {
      throw error("the stamp ends where '" + c + "' was expected");
    }
    if (text.charAt(pos) != c) {
      throw error("expected '" + c + "', found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private MalformedStampException error(String message) {
    return new MalformedStampException(message, pos);
  }
}
