package dev.gort.simulators.openstack;

import static dev.gort.simulators.openstack.OpenStackRequests.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Keystone v3 under {@code /identity}: version discovery, {@code POST /v3/auth/tokens} (201 with
 * {@code X-Subject-Token}), validation ({@code GET}/{@code HEAD}), revocation, the catalog.
 */
@Path("/identity")
public class KeystoneResource {

  static final String SUBJECT_TOKEN = "X-Subject-Token";
  static final String AUTH_TOKEN = "X-Auth-Token";

  @Inject Keystone keystone;
  @Context UriInfo uri;

  @GET
  public Response versions() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("versions").putArray("values").add(version());
    return json(200, root);
  }

  @GET
  @Path("/v3")
  public Response v3() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("version", version());
    return json(200, root);
  }

  private ObjectNode version() {
    ObjectNode version = JsonNodeFactory.instance.objectNode();
    version.put("id", "v3.14");
    version.put("status", "stable");
    version.put("updated", "2020-04-07T00:00:00Z");
    version
        .putArray("links")
        .addObject()
        .put("rel", "self")
        .put("href", OpenStackRequests.base(keystone, uri) + "/identity/v3/");
    version
        .putArray("media-types")
        .addObject()
        .put("base", "application/json")
        .put("type", "application/vnd.openstack.identity-v3+json");
    return version;
  }

  @POST
  @Path("/v3/auth/tokens")
  public Response issue(byte[] body) {
    Keystone.Token token =
        keystone.issue(
            OpenStackRequests.object(
                body, OpenStackError.keystone(400, "Bad Request", "Malformed request body")));
    return Response.status(201)
        .header(SUBJECT_TOKEN, token.id())
        .type("application/json")
        .entity(keystone.body(token, OpenStackRequests.base(keystone, uri)))
        .build();
  }

  @GET
  @Path("/v3/auth/tokens")
  public Response validate(
      @HeaderParam(AUTH_TOKEN) String auth, @HeaderParam(SUBJECT_TOKEN) String subject) {
    keystone.require(auth);
    Keystone.Token token = subject(subject);
    return Response.ok()
        .header(SUBJECT_TOKEN, token.id())
        .type("application/json")
        .entity(keystone.body(token, OpenStackRequests.base(keystone, uri)))
        .build();
  }

  @HEAD
  @Path("/v3/auth/tokens")
  public Response check(
      @HeaderParam(AUTH_TOKEN) String auth, @HeaderParam(SUBJECT_TOKEN) String subject) {
    keystone.require(auth);
    subject(subject);
    return Response.ok().build();
  }

  @DELETE
  @Path("/v3/auth/tokens")
  public Response revoke(
      @HeaderParam(AUTH_TOKEN) String auth, @HeaderParam(SUBJECT_TOKEN) String subject) {
    keystone.require(auth);
    keystone.revoke(subject(subject).id());
    return Response.noContent().build();
  }

  @GET
  @Path("/v3/auth/catalog")
  public Response catalog(@HeaderParam(AUTH_TOKEN) String auth) {
    keystone.require(auth);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("catalog", keystone.catalog(OpenStackRequests.base(keystone, uri)));
    return json(200, root);
  }

  private Keystone.Token subject(String subject) {
    Keystone.Token token = keystone.validate(subject);
    if (token == null) {
      throw OpenStackError.keystone(
          404, "Not Found", "Could not find token: " + (subject == null ? "" : "(given)"));
    }
    return token;
  }
}
