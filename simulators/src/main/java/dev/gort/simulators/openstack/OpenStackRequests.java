package dev.gort.simulators.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.web.JsonBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every simulated OpenStack API does with a request: its body, its filters, its base URL. */
final class OpenStackRequests {

  private static final JsonBody.Limits LIMITS = JsonBody.Limits.of(1024 * 1024, 64 * 1024);

  private OpenStackRequests() {}

  /**
   * The body as a JSON object.
   *
   * @param error what the service answers for a body that is not one
   */
  static JsonNode object(byte[] body, OpenStackError error) {
    if (body == null || body.length == 0) {
      throw error;
    }
    JsonNode tree = JsonBody.tree(body, LIMITS);
    if (tree == null || !tree.isObject()) {
      throw error;
    }
    return tree;
  }

  /** The query's parameters, the first value of each. */
  static Map<String, String> filters(UriInfo uri) {
    Map<String, String> filters = new LinkedHashMap<>();
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    query.forEach((k, v) -> filters.put(k, v.isEmpty() ? "" : v.get(0)));
    return filters;
  }

  /** The request's base URL, without a trailing slash: {@code http://127.0.0.1:8090}. */
  static String base(Keystone keystone, UriInfo uri) {
    return keystone.base(uri.getBaseUri().toString());
  }

  static Response json(int status, Object entity) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build();
  }
}
