package dev.gort.localrunner.job;

import dev.gort.common.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The job domain's exceptions as problem+json, one mapper each. */
public final class JobProblems {

  private JobProblems() {}

  static Response problem(int status, String title, String detail) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem("about:blank", title, status, detail, null))
        .build();
  }

  @Provider
  public static class InvalidJobMapper implements ExceptionMapper<InvalidJobException> {
    @Override
    public Response toResponse(InvalidJobException e) {
      return problem(400, "Bad Request", e.getMessage());
    }
  }

  @Provider
  public static class NoSuchJobMapper implements ExceptionMapper<NoSuchJobException> {
    @Override
    public Response toResponse(NoSuchJobException e) {
      return problem(404, "Not Found", e.getMessage());
    }
  }

  @Provider
  public static class AgentBusyMapper implements ExceptionMapper<AgentBusyException> {
    @Override
    public Response toResponse(AgentBusyException e) {
      return Response.fromResponse(problem(429, "Too Many Requests", e.getMessage()))
          .header("Retry-After", "5")
          .build();
    }
  }
}
