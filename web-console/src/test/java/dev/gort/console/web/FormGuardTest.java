package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormGuardTest {

  static final String CONSOLE = "https://console.example.org";

  @Test
  void theBrowsersWordDecides() {
    assertThat(FormGuard.sameOrigin("same-origin", null, CONSOLE)).isTrue();
    assertThat(FormGuard.sameOrigin("same-site", CONSOLE, CONSOLE)).isFalse();
    assertThat(FormGuard.sameOrigin("cross-site", CONSOLE, CONSOLE)).isFalse();
    assertThat(FormGuard.sameOrigin("none", null, CONSOLE)).isFalse();
  }

  @Test
  void withoutItTheOriginMustBeTheConsoles() {
    assertThat(FormGuard.sameOrigin(null, CONSOLE, CONSOLE)).isTrue();
    assertThat(FormGuard.sameOrigin(null, "https://x.example.org", CONSOLE)).isFalse();
    assertThat(FormGuard.sameOrigin(null, "null", CONSOLE)).isFalse();
    // no browser: a script with its own credentials, which another site cannot drive
    assertThat(FormGuard.sameOrigin(null, null, CONSOLE)).isTrue();
  }
}
