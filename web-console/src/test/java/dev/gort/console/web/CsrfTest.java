package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsrfTest {

  static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);

  @Test
  void aTokenNamesItsUserAndSignIn() {
    String alice = Csrf.tokenFor(KEY, "https://id|alice|1700000000");
    assertThat(Csrf.tokenFor(KEY, "https://id|alice|1700000000")).isEqualTo(alice);
    assertThat(Csrf.tokenFor(KEY, "https://id|bob|1700000000")).isNotEqualTo(alice);
    assertThat(Csrf.tokenFor(KEY, "https://id|alice|1700000999")).isNotEqualTo(alice);
    assertThat(
            Csrf.tokenFor(
                "o".repeat(32).getBytes(StandardCharsets.UTF_8), "https://id|alice|1700000000"))
        .isNotEqualTo(alice);
    assertThat(alice).matches("[A-Za-z0-9_-]{43}");
  }
}
