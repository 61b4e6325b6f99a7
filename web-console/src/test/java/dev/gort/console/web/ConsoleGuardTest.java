package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleGuardTest {

  @Test
  void productionNeedsALongSessionSecretAndTheClientSecret() {
    assertThat(ConsoleGuard.refusals("x".repeat(32), "client")).isEmpty();
    assertThat(ConsoleGuard.refusals("short", "client"))
        .singleElement()
        .asString()
        .contains("GORT_CONSOLE_SESSION_SECRET");
    assertThat(ConsoleGuard.refusals("", "")).hasSize(2);
  }
}
