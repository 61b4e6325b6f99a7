package dev.gort.console.web;

import dev.gort.common.web.Untrusted;
import dev.gort.console.api.ServiceException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/**
 * Every failure of a page as an HTML page (gort-common's mappers answer problem+json, which is
 * right for the services' APIs, not for a browser; these come first).
 */
public final class ErrorPages {

  private static final Logger LOG = Logger.getLogger(ErrorPages.class);
  static final int BEFORE_COMMON = 4000;

  private ErrorPages() {}

  /** What a service's error answer means to the person looking at the page. */
  static Response forService(ServiceException e) {
    LOG.infof("a service refused the page's call: %d %s", e.status(), Untrusted.forLog(e.detail()));
    return switch (e.status()) {
      case 404 -> ErrorPage.notFound();
      case 401 -> ErrorPage.response(401, "Signed out", "Your session has ended: sign in again.");
      case 403 -> ErrorPage.response(403, "Not allowed", "You may not see or do this.");
      default ->
          e.status() >= 500
              ? ErrorPage.response(
                  502, "A service failed", "A Gort service could not answer. Try again shortly.")
              : ErrorPage.response(e.status(), e.title(), e.detail());
    };
  }

  @Provider
  @Priority(BEFORE_COMMON)
  public static class ServiceFailureMapper implements ExceptionMapper<ServiceException> {
    @Override
    public Response toResponse(ServiceException e) {
      return forService(e);
    }
  }

  @Provider
  @Priority(BEFORE_COMMON)
  public static class PageInputMapper implements ExceptionMapper<PageInputException> {
    @Override
    public Response toResponse(PageInputException e) {
      LOG.infof("refused a page's input: %s", Untrusted.forLog(e.getMessage()));
      return ErrorPage.response(400, "Bad request", e.getMessage());
    }
  }

  @Provider
  @Priority(BEFORE_COMMON)
  public static class CsrfMapper implements ExceptionMapper<Csrf.CsrfRejected> {
    @Override
    public Response toResponse(Csrf.CsrfRejected e) {
      LOG.info("refused a form without a valid CSRF token");
      return ErrorPage.response(
          403,
          "Form expired",
          "This form was not sent from a page of this console, or it has expired: reload the"
              + " page and try again.");
    }
  }

  /** A service that does not answer at all (refused, timed out). */
  @Provider
  @Priority(BEFORE_COMMON)
  public static class UnreachableMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      LOG.warnf("a service did not answer: %s", Untrusted.forLog(e.getMessage()));
      return ErrorPage.response(
          503,
          "A service is not reachable",
          "A Gort service did not answer in time. Try again in a moment.");
    }
  }

  @Provider
  @Priority(BEFORE_COMMON)
  public static class NotFoundMapper implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
      return ErrorPage.notFound();
    }
  }

  /** The console's own HTTP errors (a method a page does not take, a bad form): status kept. */
  @Provider
  @Priority(BEFORE_COMMON)
  public static class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      if (e instanceof ClientWebApplicationException) {
        LOG.warnf("a service's answer could not be read: %s", Untrusted.forLog(e.getMessage()));
        return ErrorPage.response(
            502, "A service failed", "A Gort service sent an answer the console cannot read.");
      }
      int status = e.getResponse().getStatus() >= 400 ? e.getResponse().getStatus() : 500;
      Response.StatusType type = Response.Status.fromStatusCode(status);
      String title = type == null ? "HTTP " + status : type.getReasonPhrase();
      Response.ResponseBuilder page =
          Response.fromResponse(
              ErrorPage.response(status, title, "The console cannot answer this request."));
      String allow = e.getResponse().getHeaderString("Allow");
      if (allow != null) {
        page.header("Allow", allow);
      }
      return page.build();
    }
  }

  @Provider
  @Priority(BEFORE_COMMON)
  public static class UnexpectedMapper implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      LOG.error("a page failed", e);
      return ErrorPage.response(
          500, "Something went wrong", "The console could not show this page. Try again.");
    }
  }
}
