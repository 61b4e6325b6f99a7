package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void lineBreaksAndControlCharactersAreEscapedSoNoLineCanBeForged() {
    String escaped =
        LogText.escape("evil\r\n12:00:00 INFO  [dev.gort] forged\u0000\u001b[31m\u2028\\tab\there");

    assertThat(escaped)
        .isEqualTo(
            "evil\\r\\n12:00:00 INFO  [dev.gort] forged\\u0000\\u001b[31m\\u2028\\\\tab\\there");
    assertThat(escaped).doesNotContain("\r", "\n", "\u0000", "\u001b", "\u2028");
  }

  @Test
  void longTextIsCutAtTheBoundSayingHowMuchWasLeftOut() {
    String escaped = LogText.escape("x".repeat(10_000), 50);

    assertThat(escaped).startsWith("x".repeat(50)).endsWith("...(9950 more)");
    assertThat(escaped.length()).isLessThan(70);
  }

  @Test
  void theDefaultBoundHoldsForAnyInput() {
    assertThat(LogText.escape("\n".repeat(100_000)).length())
        .isLessThanOrEqualTo(LogText.MAX_CHARS + 30);
  }
}
