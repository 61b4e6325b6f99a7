package dev.gort.console.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The headers every answer of the console carries, sign-in redirects and error pages included:
 * scripts and styles only from the console itself (no inline ones), no framing, no sniffing, no
 * caching of pages that hold a user's data. Forms may be sent to the console and, for sign-out's
 * redirect, to the issuer.
 */
@Singleton
public class SecurityHeaders {

  /** Before authentication, so that its redirects carry the headers too. */
  static final int PRIORITY = 998_000;

  @ConfigProperty(name = "quarkus.oidc.auth-server-url")
  Optional<String> issuer;

  /**
   * Where forms may lead besides the console (browsers check every redirect after a form): the
   * issuer's origin, or, for an issuer whose login and logout pages are elsewhere, these.
   */
  @ConfigProperty(name = "gort.console.form-action-origins")
  Optional<String> formActionOrigins;

  void register(@Observes Filters filters) {
    String others =
        formActionOrigins
            .filter(o -> !o.isBlank())
            .map(o -> String.join(" ", o.split("\\s*,\\s*")))
            .orElseGet(() -> issuer.map(SecurityHeaders::originOf).orElse(""));
    String policy = contentSecurityPolicy(others);
    filters.register(ctx -> addHeaders(ctx, policy), PRIORITY);
  }

  private static void addHeaders(RoutingContext ctx, String policy) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", policy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (ctx.request().isSSL() || "https".equals(ctx.request().scheme())) {
      headers.set("Strict-Transport-Security", "max-age=31536000");
    }
    if (!ctx.normalizedPath().startsWith("/static/")) {
      headers.set("Cache-Control", "no-store");
    }
    ctx.next();
  }

  static String contentSecurityPolicy(String issuerOrigin) {
    String formAction = issuerOrigin.isEmpty() ? "'self'" : "'self' " + issuerOrigin;
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " connect-src 'self'; form-action "
        + formAction
        + "; frame-ancestors 'none'; base-uri 'none'";
  }

  static String originOf(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
