package dev.gort.console.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Unsafe requests from another origin are refused before anything reads them: what the browser says
 * ({@code Sec-Fetch-Site}) or, from a browser that does not say, the {@code Origin} it sends.
 * Sign-out is a POST only (quarkus-oidc would end the session on any request to its path, so a link
 * on another site could sign the user out).
 */
@Singleton
public class FormGuard {

  private static final Logger LOG = Logger.getLogger(FormGuard.class);
  static final int PRIORITY = 997_000;
  static final String SIGN_OUT = "/sign-out";

  void register(@Observes Filters filters) {
    filters.register(FormGuard::guard, PRIORITY);
  }

  static void guard(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    boolean safe = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    if (SIGN_OUT.equals(ctx.normalizedPath()) && request.method() != HttpMethod.POST) {
      ctx.response().setStatusCode(405).putHeader("Allow", "POST").end();
      return;
    }
    if (!safe
        && !sameOrigin(
            request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), ownOrigin(request))) {
      LOG.info("refused an unsafe request from another origin");
      ctx.response()
          .setStatusCode(403)
          .putHeader("Content-Type", "text/plain;charset=UTF-8")
          .end("Forbidden: this form was not sent from the Gort console");
      return;
    }
    ctx.next();
  }

  static String ownOrigin(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    if (authority == null) {
      return "";
    }
    return request.scheme()
        + "://"
        + authority.host()
        + (authority.port() > 0 ? ":" + authority.port() : "");
  }

  /**
   * Whether a request comes from the console's own pages. A client that sends neither header is not
   * a browser (a script with its own credentials) and cannot be made to send the user's cookies by
   * another site.
   */
  static boolean sameOrigin(String fetchSite, String origin, String ownOrigin) {
    if (fetchSite != null) {
      return fetchSite.equals("same-origin");
    }
    return origin == null || origin.equals(ownOrigin);
  }
}
