package dev.gort.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every error a Gort HTTP API returns is {@code application/problem+json}. Client errors are logged
 * once here, at INFO, escaped and bounded, without bodies (they may hold secrets); server errors
 * with their stack trace. A detail never names an internal class or library: mapped framework
 * errors say only what HTTP says.
 */
public final class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  private ProblemMappers() {}

  static Response respond(Problem problem, Throwable cause) {
    log(problem, cause);
    return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** Logs a problem answered to a client: once, escaped and bounded. */
  public static void log(Problem problem, Throwable cause) {
    if (problem.getStatus() >= 500) {
      LOG.errorf(
          cause,
          "%d %s: %s",
          problem.getStatus(),
          problem.getTitle(),
          Untrusted.forLog(problem.getDetail()));
    } else {
      LOG.infof(
          "rejected request: %d %s: %s",
          problem.getStatus(), problem.getTitle(), Untrusted.forLog(problem.getDetail()));
    }
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
      return respond(
          new Problem("about:blank", "Bad Request", 400, JsonBody.describe(e), null), null);
    }
  }

  /**
   * A framework's own HTTP error (no such resource, method not allowed, unsupported media type, …):
   * its status and headers (such as {@code Allow}) kept, its message not, since it may name
   * framework classes.
   */
  @Provider
  public static class WebApplicationExceptionMapper
      implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      String detail = detailFor(status, e);
      Response.ResponseBuilder answer =
          Response.fromResponse(
              respond(new Problem("about:blank", titleOf(status), status, detail, null), null));
      for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
        if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
            && !header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
          header.getValue().forEach(v -> answer.header(header.getKey(), v));
        }
      }
      return answer.type(Problem.MEDIA_TYPE).build();
    }

    private static String detailFor(int status, WebApplicationException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof JsonProcessingException json) {
          return JsonBody.describe(json);
        }
      }
      return switch (status) {
        case 404 -> "no such resource";
        case 405 -> "this resource does not take that method";
        case 406 -> "this resource answers only application/json";
        case 413 -> "the request body is larger than this endpoint takes";
        case 415 -> "the request body must be application/json";
        default -> titleOf(status);
      };
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

  /** The reason phrase of {@code status} (RFC 9110), for a problem's {@code title}. */
  public static String titleOf(int status) {
    return switch (status) {
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 422 -> "Unprocessable Content";
      case 431 -> "Request Header Fields Too Large";
      default -> {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        yield type == null ? "HTTP " + status : type.getReasonPhrase();
      }
    };
  }
}
