package dev.gort.common.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Failures that end a request before or around JAX-RS — a missing, expired or forged token, a
 * caller without a role the path needs, a body past the size limit — answered as problems like
 * every other error instead of the framework's empty bodies.
 */
@Singleton
public class HttpFailures {

  static final Map<String, String> BEARER_CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

  void register(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
  }

  void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof AuthenticationFailedException
        || failure instanceof UnauthorizedException) {
      HttpProblems.send(ctx, 401, "a valid bearer token is required", BEARER_CHALLENGE);
    } else if (failure instanceof ForbiddenException) {
      HttpProblems.send(ctx, 403, "the caller's roles do not allow this");
    } else if (failure == null && ctx.statusCode() == 413) {
      HttpProblems.send(ctx, 413, "the request body is larger than this service takes");
    } else if (failure == null && ctx.statusCode() == 401) {
      HttpProblems.send(ctx, 401, "a valid bearer token is required", BEARER_CHALLENGE);
    } else if (failure == null && ctx.statusCode() == 403) {
      HttpProblems.send(ctx, 403, "the caller's roles do not allow this");
    } else {
      ctx.next();
    }
  }
}
