package dev.gort.common.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding (RFC 3986) of a path segment or a query component into UTF-8 text: a
 * broken escape or bytes that are not UTF-8 are refused instead of being replaced by U+FFFD.
 */
final class PercentDecoding {

  private PercentDecoding() {}

  /** Thrown for text that is not percent-encoded UTF-8. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  static String decode(String raw, boolean plusIsSpace) throws Malformed {
    if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new Malformed("a broken percent escape");
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new Malformed("a broken percent escape");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
      }
    }
    try {
      return StrictUtf8.decode(bytes.toByteArray());
    } catch (CharacterCodingException e) {
      throw new Malformed("bytes that are not UTF-8");
    }
  }
}
