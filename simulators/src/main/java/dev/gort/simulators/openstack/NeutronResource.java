package dev.gort.simulators.openstack;

import static dev.gort.simulators.openstack.OpenStackRequests.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Neutron v2.0 under {@code /networking}: version discovery, networks, subnets, ports (read-only:
 * Nova makes them), floating IPs (allocate 201, attach/detach by {@code PUT port_id}, release 204)
 * and their tags ({@code PUT …/tags/{tag}} 201, {@code PUT …/tags} 200, {@code GET}, {@code
 * DELETE}).
 */
@Path("/networking")
public class NeutronResource {

  static final String V = "/v2.0";

  @Inject Keystone keystone;
  @Inject SimulatedCloud cloud;
  @Context UriInfo uri;

  @GET
  public Response versions() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode version = root.putArray("versions").addObject();
    version.put("id", "v2.0").put("status", "CURRENT");
    version
        .putArray("links")
        .addObject()
        .put("rel", "self")
        .put("href", OpenStackRequests.base(keystone, uri) + "/networking/v2.0/");
    return json(200, root);
  }

  @GET
  @Path(V)
  public Response resources(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode resources = root.putArray("resources");
    for (String[] r :
        new String[][] {{"network", "networks"}, {"subnet", "subnets"}, {"port", "ports"}}) {
      ObjectNode resource = resources.addObject().put("name", r[0]).put("collection", r[1]);
      resource
          .putArray("links")
          .addObject()
          .put("rel", "self")
          .put("href", OpenStackRequests.base(keystone, uri) + "/networking/v2.0/" + r[1]);
    }
    return json(200, root);
  }

  @GET
  @Path(V + "/extensions")
  public Response extensions(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode extensions = root.putArray("extensions");
    for (String[] e :
        new String[][] {
          {"router", "Neutron L3 Router"},
          {"external-net", "Neutron external network"},
          {"standard-attr-tag", "Tag support for resources with standard attribute"},
          {"standard-attr-description", "standard-attr-description"},
          {"standard-attr-timestamp", "Resource timestamps"}
        }) {
      extensions
          .addObject()
          .put("alias", e[0])
          .put("name", e[1])
          .put("description", e[1])
          .put("updated", "2017-01-01T10:00:00-00:00")
          .putArray("links");
    }
    return json(200, root);
  }

  @GET
  @Path(V + "/networks")
  public Response networks(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.networks(OpenStackRequests.filters(uri)));
  }

  @GET
  @Path(V + "/networks/{id}")
  public Response network(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.network(id));
  }

  @GET
  @Path(V + "/subnets")
  public Response subnets(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.subnets(OpenStackRequests.filters(uri)));
  }

  @GET
  @Path(V + "/subnets/{id}")
  public Response subnet(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.subnet(id));
  }

  @GET
  @Path(V + "/ports")
  public Response ports(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.ports(OpenStackRequests.filters(uri)));
  }

  @GET
  @Path(V + "/ports/{id}")
  public Response port(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.port(id));
  }

  @GET
  @Path(V + "/floatingips")
  public Response floatingIps(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.floatingIps(OpenStackRequests.filters(uri)));
  }

  @GET
  @Path(V + "/floatingips/{id}")
  public Response floatingIp(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.floatingIp(id));
  }

  @POST
  @Path(V + "/floatingips")
  public Response allocate(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, byte[] body) {
    keystone.require(auth);
    return json(201, cloud.allocateFloatingIp(OpenStackRequests.object(body, malformed())));
  }

  @PUT
  @Path(V + "/floatingips/{id}")
  public Response update(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @PathParam("id") String id,
      byte[] body) {
    keystone.require(auth);
    return json(200, cloud.updateFloatingIp(id, OpenStackRequests.object(body, malformed())));
  }

  @DELETE
  @Path(V + "/floatingips/{id}")
  public Response release(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    cloud.deleteFloatingIp(id);
    return Response.noContent().build();
  }

  @GET
  @Path(V + "/floatingips/{id}/tags")
  public Response tags(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.tags(id));
  }

  @PUT
  @Path(V + "/floatingips/{id}/tags")
  public Response replaceTags(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @PathParam("id") String id,
      byte[] body) {
    keystone.require(auth);
    return json(200, cloud.replaceTags(id, OpenStackRequests.object(body, malformed())));
  }

  @GET
  @Path(V + "/floatingips/{id}/tags/{tag}")
  public Response hasTag(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @PathParam("id") String id,
      @PathParam("tag") String tag) {
    keystone.require(auth);
    if (!cloud.hasTag(id, tag)) {
      throw OpenStackError.neutron(404, "TagNotFound", "Tag could not be found.");
    }
    return Response.noContent().build();
  }

  @PUT
  @Path(V + "/floatingips/{id}/tags/{tag}")
  public Response addTag(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @PathParam("id") String id,
      @PathParam("tag") String tag) {
    keystone.require(auth);
    cloud.addTag(id, tag);
    return Response.status(201).build();
  }

  @DELETE
  @Path(V + "/floatingips/{id}/tags/{tag}")
  public Response deleteTag(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @PathParam("id") String id,
      @PathParam("tag") String tag) {
    keystone.require(auth);
    cloud.deleteTag(id, tag);
    return Response.noContent().build();
  }

  private static OpenStackError malformed() {
    return OpenStackError.neutron(400, "HTTPBadRequest", "Malformed request body");
  }
}
