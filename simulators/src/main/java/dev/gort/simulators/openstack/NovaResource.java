package dev.gort.simulators.openstack;

import static dev.gort.simulators.openstack.OpenStackRequests.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Nova v2.1 under {@code /compute}: version discovery (microversion 2.1 only, so clients speak
 * 2.1), flavors, {@code os-keypairs}, servers (create with the reservation hint, list, detail,
 * show, delete, a few actions). Status codes as at microversion 2.1: key pair create 200, delete
 * 202; server create 202, delete 204.
 */
@Path("/compute")
public class NovaResource {

  static final String V = "/v2.1";

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
  @Path(V)
  public Response v21() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("version", version());
    return json(200, root);
  }

  private ObjectNode version() {
    ObjectNode version = JsonNodeFactory.instance.objectNode();
    version.put("id", "v2.1");
    version.put("status", "CURRENT");
    version.put("version", "2.1");
    version.put("min_version", "2.1");
    version.put("updated", "2013-07-23T11:33:21Z");
    version.putArray("links").addObject().put("rel", "self").put("href", base() + "/compute/v2.1/");
    version
        .putArray("media-types")
        .addObject()
        .put("base", "application/json")
        .put("type", "application/vnd.openstack.compute+json;version=2.1");
    return version;
  }

  private String base() {
    return OpenStackRequests.base(keystone, uri);
  }

  private static OpenStackError malformed() {
    return OpenStackError.nova(400, "badRequest", "Malformed request body");
  }

  // flavors

  @GET
  @Path(V + "/flavors")
  public Response flavors(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.flavors(false, base()));
  }

  @GET
  @Path(V + "/flavors/detail")
  public Response flavorsDetail(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.flavors(true, base()));
  }

  @GET
  @Path(V + "/flavors/{id}")
  public Response flavor(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.flavor(id, base()));
  }

  @GET
  @Path(V + "/flavors/{id}/os-extra_specs")
  public Response extraSpecs(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.extraSpecs(id));
  }

  // key pairs

  @GET
  @Path(V + "/os-keypairs")
  public Response keyPairs(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth) {
    keystone.require(auth);
    return json(200, cloud.keyPairs());
  }

  @GET
  @Path(V + "/os-keypairs/{name}")
  public Response keyPair(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("name") String name) {
    keystone.require(auth);
    return json(200, cloud.keyPair(name));
  }

  @POST
  @Path(V + "/os-keypairs")
  public Response createKeyPair(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, byte[] body) {
    keystone.require(auth);
    return json(200, cloud.createKeyPair(OpenStackRequests.object(body, malformed())));
  }

  @DELETE
  @Path(V + "/os-keypairs/{name}")
  public Response deleteKeyPair(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("name") String name) {
    keystone.require(auth);
    cloud.deleteKeyPair(name);
    return Response.accepted().build();
  }

  // servers

  @POST
  @Path(V + "/servers")
  public Response createServer(@HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, byte[] body) {
    keystone.require(auth);
    return json(202, cloud.createServer(OpenStackRequests.object(body, malformed()), base()));
  }

  @GET
  @Path(V + "/servers")
  public Response servers(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @QueryParam("name") String name,
      @QueryParam("status") String status) {
    keystone.require(auth);
    return json(200, cloud.servers(false, name, status, base()));
  }

  @GET
  @Path(V + "/servers/detail")
  public Response serversDetail(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @QueryParam("name") String name,
      @QueryParam("status") String status) {
    keystone.require(auth);
    return json(200, cloud.servers(true, name, status, base()));
  }

  @GET
  @Path(V + "/servers/{id}")
  public Response server(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    return json(200, cloud.server(id, base()));
  }

  @DELETE
  @Path(V + "/servers/{id}")
  public Response deleteServer(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth, @PathParam("id") String id) {
    keystone.require(auth);
    cloud.deleteServer(id);
    return Response.noContent().build();
  }

  @POST
  @Path(V + "/servers/{id}/action")
  public Response action(
      @HeaderParam(KeystoneResource.AUTH_TOKEN) String auth,
      @PathParam("id") String id,
      byte[] body) {
    keystone.require(auth);
    cloud.serverAction(id, OpenStackRequests.object(body, malformed()));
    return Response.accepted().build();
  }
}
