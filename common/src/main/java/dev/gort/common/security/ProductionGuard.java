package dev.gort.common.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service in production with authentication switched off or with the local
 * issuer (an issuer on this machine's loopback, such as the simulators'): those are for the local
 * stack and the tests, which run under profile {@code local}, {@code test} or {@code dev}. Every
 * other profile ({@code prod}, the default of a built jar, or a deployment's own, say {@code
 * staging}) is production.
 */
@Singleton
public class ProductionGuard {

  private static final Logger LOG = Logger.getLogger(ProductionGuard.class);

  /** The profiles that are not production: the local stack's, the tests', Quarkus dev mode's. */
  static final java.util.Set<String> NOT_PRODUCTION = java.util.Set.of("local", "test", "dev");

  @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
  boolean authenticationOn;

  @ConfigProperty(name = "quarkus.oidc.auth-server-url")
  Optional<String> issuer;

  /** Whether this process runs in production: under no profile of {@link #NOT_PRODUCTION}. */
  public static boolean isProduction() {
    return ConfigUtils.getProfiles().stream().noneMatch(NOT_PRODUCTION::contains);
  }

  // before every other start-up observer (consumers joining their groups, loops starting)
  void onStart(@Observes @Priority(1) StartupEvent event) {
    if (!isProduction()) {
      return;
    }
    List<String> refusals = refusals(authenticationOn, issuer.orElse(null));
    if (!refusals.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start in production: " + String.join("; ", refusals));
    }
    if (issuer.get().startsWith("http:")) {
      LOG.warnf("the OIDC issuer %s is not https: its keys travel unprotected", issuer.get());
    }
  }

  /** What is wrong with running in production with these settings; empty when nothing is. */
  static List<String> refusals(boolean authenticationOn, String issuer) {
    List<String> refusals = new ArrayList<>();
    if (!authenticationOn) {
      refusals.add("authentication is switched off (quarkus.oidc.tenant-enabled=false)");
    }
    if (issuer == null || issuer.isBlank()) {
      refusals.add("no OIDC issuer is configured (GORT_OIDC_ISSUER)");
    } else if (isLocal(issuer)) {
      refusals.add(
          "the OIDC issuer "
              + issuer
              + " is on this machine's loopback: the local stack's issuer, not a production one");
    }
    return refusals;
  }

  static boolean isLocal(String issuer) {
    String host;
    try {
      host = URI.create(issuer).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost") || host.toLowerCase().endsWith(".localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":") && !host.startsWith("[")) {
      // a name: resolving it here would make start-up depend on DNS; names are not the local one
      return false;
    }
    try {
      InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
      return address.isLoopbackAddress() || address.isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
