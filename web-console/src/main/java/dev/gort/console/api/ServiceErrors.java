package dev.gort.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a service's error answer into a {@link ServiceException} carrying its problem+json. Every
 * service client registers it, so pages deal with one exception whatever the service.
 */
public class ServiceErrors implements ResponseExceptionMapper<ServiceException> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail");

  /** A problem body is small; more is not a problem document. */
  static final int MAX_BODY_CHARS = 16 * 1024;

  @Override
  public ServiceException toThrowable(Response response) {
    return of(response.getStatus(), readBody(response));
  }

  @Override
  public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
    return status >= 400;
  }

  static ServiceException of(int status, String body) {
    String reason =
        Response.Status.fromStatusCode(status) == null
            ? "HTTP " + status
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    JsonNode problem = parse(body);
    if (problem == null || !problem.isObject()) {
      return new ServiceException(status, reason, reason);
    }
    String title = problem.path("title").asText(reason);
    String detail = problem.path("detail").asText(title);
    Map<String, Object> extensions = new LinkedHashMap<>();
    problem
        .fields()
        .forEachRemaining(
            field -> {
              if (!STANDARD.contains(field.getKey())) {
                extensions.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
              }
            });
    return new ServiceException(status, title, detail, extensions);
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank() || body.length() > MAX_BODY_CHARS) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  private static String readBody(Response response) {
    try {
      return response.hasEntity() ? response.readEntity(String.class) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
