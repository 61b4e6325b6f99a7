package dev.gort.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Every error a Gort HTTP API returns is {@code application/problem+json}. Client errors are logged
 * once here, at INFO, without bodies (they may hold secrets); server errors with their stack trace.
 */
public final class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  private ProblemMappers() {}

  static Response respond(Problem problem, Throwable cause) {
    if (problem.getStatus() >= 500) {
      LOG.errorf(cause, "%d %s: %s", problem.getStatus(), problem.getTitle(), problem.getDetail());
    } else {
      LOG.infof(
          "rejected request: %d %s: %s",
          problem.getStatus(), problem.getTitle(), problem.getDetail());
    }
    return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  @Provider
  public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      Response.ResponseBuilder answer = Response.fromResponse(respond(e.toProblem(), e));
      e.headers().forEach(answer::header);
      return answer.build();
    }
  }

  @Provider
  public static class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      String detail = "malformed JSON body: " + e.getOriginalMessage();
      return respond(new Problem("about:blank", "Bad Request", 400, detail, null), e);
    }
  }

  @Provider
  public static class WebApplicationExceptionMapper
      implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      Response.StatusType type = Response.Status.fromStatusCode(status);
      String title = type == null ? "HTTP " + status : type.getReasonPhrase();
      String detail = e.getMessage() == null ? title : e.getMessage();
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof JsonProcessingException json) {
          detail = "malformed JSON body: " + json.getOriginalMessage();
          break;
        }
      }
      Response.ResponseBuilder answer =
          Response.fromResponse(respond(new Problem("about:blank", title, status, detail, null), e))
              .type(Problem.MEDIA_TYPE);
      return answer.build();
    }
  }

  @Provider
  public static class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      return respond(
          new Problem("about:blank", "Internal Server Error", 500, "unexpected error", null), e);
    }
  }
}
