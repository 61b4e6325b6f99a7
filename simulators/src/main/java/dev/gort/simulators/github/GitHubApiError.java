package dev.gort.simulators.github;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * An error the simulated GitHub answers, in GitHub's own shape ({@code {"message",
 * "documentation_url", "status"}}, not problem+json), with any headers it carries (rate limits).
 */
public class GitHubApiError extends RuntimeException {

  static final String DOCS = "https://docs.github.com/rest";

  private final int status;
  private final Map<String, String> headers;
  private final String documentationUrl;

  GitHubApiError(int status, String message, Map<String, String> headers, String documentationUrl) {
    super(message, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.documentationUrl = documentationUrl;
  }

  GitHubApiError(int status, String message) {
    this(status, message, Map.of(), DOCS);
  }

  static GitHubApiError notFound() {
    return new GitHubApiError(404, "Not Found");
  }

  static GitHubApiError unprocessable(String message) {
    return new GitHubApiError(422, message);
  }

  public int status() {
    return status;
  }

  /** GitHub's error body; {@code status} is the HTTP status as a string, as GitHub sends it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Body(
      String message, @JsonProperty("documentation_url") String documentationUrl, String status) {}

  @Provider
  public static class Mapper implements ExceptionMapper<GitHubApiError> {
    @Override
    public Response toResponse(GitHubApiError e) {
      Response.ResponseBuilder answer =
          Response.status(e.status)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(new Body(e.getMessage(), e.documentationUrl, Integer.toString(e.status)));
      e.headers.forEach(answer::header);
      return answer.build();
    }
  }
}
