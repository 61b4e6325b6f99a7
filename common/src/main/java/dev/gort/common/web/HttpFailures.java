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
    switch (statusOf(ctx.failure(), ctx.statusCode())) {
      case 401 -> HttpProblems.send(ctx, 401, "a valid bearer token is required", BEARER_CHALLENGE);
      case 403 -> HttpProblems.send(ctx, 403, "the caller's roles do not allow this");
      case 413 -> HttpProblems.send(ctx, 413, "the request body is larger than this service takes");
      default -> ctx.next();
    }
  }

  /**
   * The status a failure stands for: the security exception's, or for a failure without an
   * exception the status it was failed with; -1 for anything this does not answer.
   */
  static int statusOf(Throwable failure, int failedWith) {
    if (failure instanceof AuthenticationFailedException
        || failure instanceof UnauthorizedException) {
      return 401;
    }
    if (failure instanceof ForbiddenException) {
      return 403;
    }
    return failure == null ? failedWith : -1;
  }
}
