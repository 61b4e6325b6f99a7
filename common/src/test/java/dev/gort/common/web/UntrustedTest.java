package dev.gort.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTest {

  @Test
  void lineBreaksAndControlCharactersAreEscapedSoNoLogLineCanBeForged() {
    String forged = "demo\r\n12:00:00 INFO  [admin] granted\u0000\u001b[31m";

    String logged = Untrusted.forLog(forged);

    assertThat(logged).doesNotContain("\n", "\r", "\u0000", "\u001b");
    assertThat(logged).isEqualTo("demo\\r\\n12:00:00 INFO  [admin] granted\\u0000\\u001b[31m");
  }

  @Test
  void aBackslashIsEscapedSoAnEscapeAlwaysMeansAnEscapedCharacter() {
    assertThat(Untrusted.forLog("a\\nb\u2028")).isEqualTo("a\\\\nb\\u2028");
  }

  @Test
  void longValuesAreCutAndSayHowMuchWasLeftOut() {
    String huge = "x".repeat(9_000_000);

    assertThat(Untrusted.forLog(huge))
        .hasSize(Untrusted.LOG_LENGTH + "…(8999744 more)".length())
        .endsWith("…(8999744 more)");
    assertThat(Untrusted.quote(huge)).startsWith("'xxx").contains("more)'").hasSizeLessThan(100);
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    assertThat(Untrusted.quote("exp-1 é")).isEqualTo("'exp-1 é'");
    assertThat(Untrusted.hasControlCharacter("exp-1 é")).isFalse();
    assertThat(Untrusted.hasControlCharacter("a\u0000b")).isTrue();
    assertThat(Untrusted.hasControlCharacter("a\u2028b")).isTrue();
    assertThat(Untrusted.quote(null)).isEqualTo("null");
  }
}
