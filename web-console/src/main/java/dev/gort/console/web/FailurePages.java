package dev.gort.console.web;

import dev.gort.common.web.Untrusted;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.jboss.logging.Logger;

/**
 * Failures that end a request before or around the pages — a sign-in that did not complete, an
 * issuer that does not answer, a body past the limit — shown as pages, not as the framework's
 * plain-text "500". Sign-in redirects pass through untouched.
 */
@Singleton
public class FailurePages {

  private static final Logger LOG = Logger.getLogger(FailurePages.class);

  void register(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
  }

  void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof AuthenticationRedirectException || ctx.response().ended()) {
      ctx.next();
      return;
    }
    Shown shown = shownFor(failure, ctx.statusCode());
    Response page = ErrorPage.bare(shown.status(), shown.title(), shown.message());
    if (page.getStatus() >= 500) {
      LOG.warnf("a request failed: %s", Untrusted.forLog(String.valueOf(failure)));
    }
    ctx.response()
        .setStatusCode(page.getStatus())
        .putHeader("Content-Type", "text/html;charset=UTF-8")
        .end((String) page.getEntity());
  }

  static Shown shownFor(Throwable failure, int failedWith) {
    if (failure instanceof AuthenticationFailedException
        || failure instanceof UnauthorizedException) {
      return isUnreachable(failure)
          ? unreachableIssuer()
          : new Shown(
              401,
              "Sign-in did not complete",
              "The sign-in could not be completed or has expired. Open the page again to sign in.");
    }
    if (failure instanceof ForbiddenException) {
      return new Shown(403, "Not allowed", "You may not see or do this.");
    }
    if (failure == null && failedWith == 413) {
      return new Shown(413, "Too large", "What was sent is larger than the console takes.");
    }
    if (failure == null && failedWith >= 400 && failedWith < 500) {
      return new Shown(failedWith, "Bad request", "The console cannot answer this request.");
    }
    return isUnreachable(failure)
        ? unreachableIssuer()
        : new Shown(
            500, "Something went wrong", "The console could not show this page. Try again.");
  }

  private static Shown unreachableIssuer() {
    return new Shown(
        503,
        "Sign-in is not available",
        "The sign-in service does not answer right now. Try again in a moment.");
  }

  /** What the page says: its status, title and sentence. */
  record Shown(int status, String title, String message) {}

  /** The issuer does not answer, or its discovery failed (quarkus-oidc's OIDCException). */
  static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof OIDCException
          || t.getClass().getSimpleName().contains("ConnectException")
          || t.getClass().getSimpleName().equals("OidcEndpointAccessException")) {
        return true;
      }
    }
    return false;
  }
}
