package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production mode (a built jar's default profile) refuses to start with the local issuer or with
 * authentication switched off: those are for the local stack and the tests.
 */
class ProductionGuardIT {

  private static GortStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
  }

  @Test
  void aServiceInProductionRefusesTheLocalIssuer() throws Exception {
    Map<String, String> production = new HashMap<>();
    production.put("QUARKUS_PROFILE", null);

    GortStack.Refusal refusal =
        stack.runExpectingRefusal(GortStack.SCHEDULER, production, Duration.ofSeconds(120));

    assertThat(refusal.exitCode()).isNotZero();
    assertThat(refusal.log()).contains("refusing to start in production").contains("loopback");
  }

  @Test
  void aServiceInProductionRefusesAuthenticationSwitchedOff() throws Exception {
    Map<String, String> production = new HashMap<>();
    production.put("QUARKUS_PROFILE", null);
    production.put("GORT_OIDC_ISSUER", "https://keycloak.example.org/realms/gort");
    production.put("QUARKUS_OIDC_TENANT_ENABLED", "false");

    GortStack.Refusal refusal =
        stack.runExpectingRefusal(GortStack.GATEWAY, production, Duration.ofSeconds(120));

    assertThat(refusal.exitCode()).isNotZero();
    assertThat(refusal.log()).contains("authentication is switched off");
  }
}
