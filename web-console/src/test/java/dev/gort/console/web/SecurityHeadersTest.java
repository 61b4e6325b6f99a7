package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  @Test
  void policyAllowsOnlyTheConsolesOwnScriptsAndStyles() {
    String policy = SecurityHeaders.contentSecurityPolicy("https://id.example.org");

    assertThat(policy)
        .contains("default-src 'none'", "script-src 'self'", "style-src 'self'")
        .contains("frame-ancestors 'none'", "base-uri 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "*");
  }

  @Test
  void formsMayGoToTheIssuerForSignOut() {
    assertThat(SecurityHeaders.contentSecurityPolicy("https://id.example.org:8443"))
        .contains("form-action 'self' https://id.example.org:8443;");
    assertThat(SecurityHeaders.contentSecurityPolicy("")).contains("form-action 'self';");
  }

  @Test
  void issuerOriginDropsThePath() {
    assertThat(SecurityHeaders.originOf("https://id.example.org/realms/gort"))
        .isEqualTo("https://id.example.org");
    assertThat(SecurityHeaders.originOf("http://127.0.0.1:8090/realms/gort"))
        .isEqualTo("http://127.0.0.1:8090");
    assertThat(SecurityHeaders.originOf("not a url")).isEmpty();
    assertThat(SecurityHeaders.originOf("/relative")).isEmpty();
  }
}
