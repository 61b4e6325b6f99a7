package dev.gort.simulators.openstack;

import static dev.gort.simulators.openstack.OpenStackRequests.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Glance v2 under {@code /image}: version discovery, {@code GET /v2/images} (Glance's paging:
 * {@code limit}, default 25, at most 1000; {@code marker}; a {@code next} link relative to the
 * service root, {@code /v2/images?…}; filters {@code name}, {@code visibility}, {@code status},
 * {@code os_distro}, {@code owner}) and {@code GET /v2/images/{id}}.
 */
@Path("/image")
public class GlanceResource {

  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 1000;

  @Inject Keystone keystone;
  @Inject SimulatedCloud cloud;
  @Context UriInfo uri;

  @GET
  public Response versions() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode versions = root.putArray("versions");
    String base = OpenStackRequests.base(keystone, uri) + "/image/v2/";
    for (String[] v : new String[][] {{"v2.9", "CURRENT"}, {"v2.0", "SUPPORTED"}}) {
      ObjectNode version = versions.addObject().put("id", v[0]).put("status", v[1]);
      version.putArray("links").addObject().put("rel", "self").put("href", base);
    }
    return json(200, root);
  }

  @GET
  @Path("/versions")
  public Response versionList() {
    return versions();
  }

  @GET
  @Path("/v2/images")
  public Response list(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    Map<String, String> filters = OpenStackRequests.filters(uri);
    int limit = DEFAULT_LIMIT;
    String limitParam = filters.get("limit");
    if (limitParam != null) {
      if (!limitParam.matches("[0-9]{1,6}")) {
        throw OpenStackError.glance(400, "Bad Request", "limit param must be an integer");
      }
      limit = Math.min(Integer.parseInt(limitParam), MAX_LIMIT);
    }
    List<ImageCatalog.Image> matching =
        cloud.images().all().stream()
            .filter(i -> matches(filters, "name", i.name()))
            .filter(i -> matches(filters, "status", "active"))
            .filter(i -> matches(filters, "os_distro", i.osDistro()))
            .filter(i -> matches(filters, "owner", i.owner()))
            .filter(i -> visible(filters.get("visibility")))
            .toList();
    int from = 0;
    String marker = filters.get("marker");
    if (marker != null) {
      from = -1;
      for (int i = 0; i < matching.size(); i++) {
        if (matching.get(i).id().equals(marker)) {
          from = i + 1;
        }
      }
      if (from < 0) {
        throw OpenStackError.glance(400, "Bad Request", "marker not found");
      }
    }
    int to = Math.min(matching.size(), from + limit);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode images = root.putArray("images");
    matching.subList(from, to).forEach(i -> images.add(i.json()));
    root.put("first", "/v2/images");
    root.put("schema", "/v2/schemas/images");
    if (to < matching.size() && to > from) {
      StringBuilder next = new StringBuilder("/v2/images?");
      filters.forEach(
          (k, v) -> {
            if (!k.equals("marker") && !k.equals("limit")) {
              next.append(encode(k)).append('=').append(encode(v)).append('&');
            }
          });
      next.append("marker=").append(matching.get(to - 1).id());
      if (limitParam != null) {
        next.append("&limit=").append(limit);
      }
      root.put("next", next.toString());
    }
    return json(200, root);
  }

  @GET
  @Path("/v2/images/{id}")
  public Response show(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(
        200,
        cloud
            .images()
            .byId(id)
            .orElseThrow(
                () ->
                    OpenStackError.glance(
                        404,
                        "Not Found",
                        "No image found with ID " + dev.gort.common.web.Untrusted.escape(id, 64)))
            .json());
  }

  private static boolean matches(Map<String, String> filters, String key, String value) {
    String wanted = filters.get(key);
    return wanted == null || wanted.equals(value);
  }

  /**
   * Every image here is public: visibility public or all lists them, private/shared/community not.
   */
  private static boolean visible(String visibility) {
    return visibility == null || visibility.equals("public") || visibility.equals("all");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
