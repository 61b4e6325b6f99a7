package dev.gort.console.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What guards the forms besides their token: a POST the browser itself says comes from another site
 * ({@code Sec-Fetch-Site: cross-site}) is refused before anything reads it, and every page that is
 * shown carries the session's CSRF token cookie from the start, so its forms can be sent.
 */
@Singleton
public class FormGuard {

  static final int PRIORITY = 997_000;

  @Inject Csrf csrf;

  void register(@Observes Filters filters) {
    filters.register(FormGuard::refuseCrossSite, PRIORITY);
  }

  static void refuseCrossSite(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.GET
        && ctx.request().method() != HttpMethod.HEAD
        && "cross-site".equalsIgnoreCase(ctx.request().getHeader("Sec-Fetch-Site"))) {
      ctx.response()
          .setStatusCode(403)
          .putHeader("Content-Type", "text/plain")
          .end("Forbidden: a form from another site");
      return;
    }
    ctx.next();
  }

  @ServerRequestFilter
  public void issueToken(ContainerRequestContext request) {
    if ("GET".equals(request.getMethod())) {
      csrf.getToken();
    }
  }
}
