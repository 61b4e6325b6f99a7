package dev.gort.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductionGuardTest {

  @Test
  void aRealIssuerWithAuthenticationOnIsFine() {
    assertThat(ProductionGuard.refusals(true, "https://keycloak.example.org/realms/gort"))
        .isEmpty();
    assertThat(ProductionGuard.refusals(true, "http://keycloak.internal:8080/realms/gort"))
        .isEmpty();
  }

  @Test
  void theLocalIssuerIsRefused() {
    assertThat(ProductionGuard.refusals(true, "http://127.0.0.1:8090/realms/gort"))
        .singleElement()
        .asString()
        .contains("loopback");
    assertThat(ProductionGuard.refusals(true, "http://localhost:8090/realms/gort")).hasSize(1);
    assertThat(ProductionGuard.refusals(true, "http://[::1]:8090/realms/gort")).hasSize(1);
  }

  @Test
  void authenticationSwitchedOffOrNoIssuerIsRefused() {
    assertThat(ProductionGuard.refusals(false, "https://keycloak.example.org/realms/gort"))
        .singleElement()
        .asString()
        .contains("switched off");
    assertThat(ProductionGuard.refusals(true, null)).singleElement().asString().contains("no OIDC");
    assertThat(ProductionGuard.refusals(true, "")).hasSize(1);
  }
}
