package dev.gort.common.security;

import dev.gort.common.web.HttpProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.security.HttpSecurity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Which paths need which token, the same in every service: the health checks are open (so a
 * platform can probe them); runner callbacks carry no token and are checked by the runner's own
 * signature instead; metrics and the OpenAPI document need an operator; the dead letters an admin;
 * everything else a caller with a Gort role. A request without a valid token is a 401, one whose
 * token carries none of the roles a path needs a 403, both problem+json.
 */
@Singleton
public class HttpAccess {

  /** Paths open without a token: {@code /x} exactly, {@code /x/*} everything below it. */
  static final List<String> OPEN = List.of("/q/health", "/q/health/*", "/api/v1/callbacks/*");

  /** Right after request hygiene, before Quarkus's authentication. */
  static final int PRIORITY = 999_000;

  void configure(@Observes HttpSecurity http) {
    http.path(OPEN.toArray(String[]::new)).permit();
    http.path("/q/metrics", "/q/metrics/*", "/q/openapi", "/q/openapi/*")
        .roles(GortRoles.OPERATOR, GortRoles.ADMIN);
    http.path("/api/v1/dead-letters", "/api/v1/dead-letters/*").roles(GortRoles.ADMIN);
    http.path("/*").roles(GortRoles.OWNER, GortRoles.OPERATOR, GortRoles.ADMIN);
  }

  /**
   * A request for a path that needs a token but carries no bearer token is answered here: Quarkus
   * would answer it with a bare challenge and no body. A token that is there but invalid is refused
   * by Quarkus's authentication and answered by {@code HttpFailures}.
   */
  void register(@Observes Filters filters) {
    filters.register(this::requireBearer, PRIORITY);
  }

  void requireBearer(RoutingContext ctx) {
    if (isOpen(ctx.normalizedPath()) || hasBearer(ctx.request().getHeader("Authorization"))) {
      ctx.next();
      return;
    }
    HttpProblems.send(ctx, 401, "a bearer token is required", Map.of("WWW-Authenticate", "Bearer"));
  }

  static boolean isOpen(String path) {
    for (String open : OPEN) {
      if (open.endsWith("/*")
          ? path.startsWith(open.substring(0, open.length() - 1))
          : path.equals(open)) {
        return true;
      }
    }
    return false;
  }

  static boolean hasBearer(String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && !authorization.substring(7).isBlank();
  }
}
