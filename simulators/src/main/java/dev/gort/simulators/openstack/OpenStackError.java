package dev.gort.simulators.openstack;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the simulated cloud answers in the body shape of the service that raises it: Keystone
 * {@code {"error": {code, title, message}}}, Nova {@code {"itemNotFound": {code, message}}},
 * Neutron {@code {"NeutronError": {type, message, detail}}}, Glance {@code {code, title, message}},
 * Blazar {@code {error_code, error_name, error_message}}.
 */
public final class OpenStackError extends RuntimeException {

  private final int status;
  private final transient Map<String, Object> body;

  private OpenStackError(int status, String message, Map<String, Object> body) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  static OpenStackError keystone(int status, String title, String message) {
    return new OpenStackError(
        status,
        message,
        Map.of("error", ordered("code", status, "title", title, "message", message)));
  }

  static OpenStackError unauthorized() {
    return keystone(401, "Unauthorized", "The request you have made requires authentication.");
  }

  /** Nova: {@code kind} is badRequest, itemNotFound, conflictingRequest, forbidden. */
  static OpenStackError nova(int status, String kind, String message) {
    return new OpenStackError(
        status, message, Map.of(kind, ordered("code", status, "message", message)));
  }

  static OpenStackError neutron(int status, String type, String message) {
    return new OpenStackError(
        status,
        message,
        Map.of("NeutronError", ordered("type", type, "message", message, "detail", "")));
  }

  static OpenStackError glance(int status, String title, String message) {
    return new OpenStackError(
        status, message, ordered("code", status + " " + title, "title", title, "message", message));
  }

  static OpenStackError blazar(int status, String name, String message) {
    return new OpenStackError(
        status,
        message,
        ordered("error_code", status, "error_name", name, "error_message", message));
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** {@link OpenStackError} as the service answers it. */
  @Provider
  public static class Mapper implements ExceptionMapper<OpenStackError> {
    @Override
    public Response toResponse(OpenStackError e) {
      return Response.status(e.status).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body).build();
    }
  }
}
