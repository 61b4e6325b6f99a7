package dev.gort.console.web;

import dev.gort.common.security.ProductionGuard;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start the console in production without the secrets its sessions need (gort-common's
 * {@link ProductionGuard} checks the issuer): a session secret of at least 32 characters, the same
 * on every replica, the console's client secret, and cookies sent only over https.
 */
@Singleton
public class ConsoleGuard {

  static final int MIN_SECRET_LENGTH = 32;

  @ConfigProperty(name = "gort.console.session-secret")
  Optional<String> sessionSecret;

  @ConfigProperty(name = "quarkus.oidc.credentials.secret")
  Optional<String> clientSecret;

  @ConfigProperty(name = "quarkus.oidc.authentication.cookie-force-secure", defaultValue = "false")
  boolean secureCookies;

  void onStart(@Observes @Priority(2) StartupEvent event) {
    if (!ProductionGuard.isProduction()) {
      return;
    }
    List<String> refusals =
        refusals(sessionSecret.orElse(""), clientSecret.orElse(""), secureCookies);
    if (!refusals.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start in production: " + String.join("; ", refusals));
    }
  }

  static List<String> refusals(String sessionSecret, String clientSecret, boolean secureCookies) {
    List<String> refusals = new ArrayList<>();
    if (sessionSecret.length() < MIN_SECRET_LENGTH) {
      refusals.add(
          "GORT_CONSOLE_SESSION_SECRET must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    if (clientSecret.isBlank()) {
      refusals.add("GORT_CONSOLE_CLIENT_SECRET is not set");
    }
    if (!secureCookies) {
      refusals.add("session cookies would be sent without Secure (cookie-force-secure=false)");
    }
    return refusals;
  }
}
