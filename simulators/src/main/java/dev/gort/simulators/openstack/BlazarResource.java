package dev.gort.simulators.openstack;

import static dev.gort.simulators.openstack.OpenStackRequests.json;

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
 * Blazar v1 under {@code /reservation}: version discovery and {@code /v1/leases} (create 201, list,
 * show, update, delete 204). Errors are Blazar's {@code {error_code, error_name, error_message}}.
 */
@Path("/reservation")
public class BlazarResource {

  @Inject Keystone keystone;
  @Inject SimulatedCloud cloud;
  @Context UriInfo uri;

  @GET
  public Response versions() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putArray("versions").add(version());
    return json(200, root);
  }

  @GET
  @Path("/v1")
  public Response v1() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("version", version());
    return json(200, root);
  }

  private ObjectNode version() {
    ObjectNode version =
        JsonNodeFactory.instance.objectNode().put("id", "v1.0").put("status", "CURRENT");
    version
        .putArray("links")
        .addObject()
        .put("rel", "self")
        .put("href", OpenStackRequests.base(keystone, uri) + "/reservation/v1");
    return version;
  }

  @POST
  @Path("/v1/leases")
  public Response create(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, byte[] body) {
    keystone.require(auth);
    return json(201, cloud.createLease(OpenStackRequests.object(body, malformed())));
  }

  @GET
  @Path("/v1/leases")
  public Response list(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.leases());
  }

  @GET
  @Path("/v1/leases/{id}")
  public Response show(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.lease(id));
  }

  @PUT
  @Path("/v1/leases/{id}")
  public Response update(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @PathParam("id") String id,
      byte[] body) {
    keystone.require(auth);
    return json(200, cloud.updateLease(id, OpenStackRequests.object(body, malformed())));
  }

  @DELETE
  @Path("/v1/leases/{id}")
  public Response delete(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    cloud.deleteLease(id);
    return Response.noContent().build();
  }

  private static OpenStackError malformed() {
    return OpenStackError.blazar(400, "MalformedRequestBody", "Malformed request body");
  }
}
