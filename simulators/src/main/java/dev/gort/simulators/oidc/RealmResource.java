package dev.gort.simulators.oidc;

import dev.gort.oidc.DiscoveryDocument;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A Keycloak realm as OIDC clients and resource servers see it: discovery, keys, tokens, the
 * authorization endpoint and device authorization; the verification page a user approves a device
 * on is {@link DeviceVerificationResource}, the login form posts to {@link LoginActionsResource},
 * logout is {@link LogoutResource}.
 */
@Path("/realms/{realm}")
public class RealmResource {

  @Inject RealmIssuer issuer;
  @Inject TokenService tokens;
  @Inject DeviceAuthorizationService devices;
  @Inject AuthorizationEndpoint authorization;

  @GET
  @Path(DiscoveryDocument.WELL_KNOWN_PATH)
  public Response discovery(@PathParam("realm") String realm) {
    requireRealm(realm);
    return Response.ok(issuer.discoveryJson(), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path(DiscoveryDocument.CERTS_PATH)
  public Response certs(@PathParam("realm") String realm) {
    requireRealm(realm);
    return Response.ok(issuer.jwksJson(), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path(DiscoveryDocument.TOKEN_PATH)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response token(
      @PathParam("realm") String realm,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      MultivaluedMap<String, String> form) {
    requireRealm(realm);
    return TokenRequestRejectedMapper.noStore(
            Response.ok(tokens.grant(form, authorization), MediaType.APPLICATION_JSON_TYPE))
        .build();
  }

  // Here rather than in a resource of its own: a root resource at this path would take the device
  // authorization endpoint's requests too, which are under it.
  @GET
  @Path(DiscoveryDocument.AUTHORIZATION_PATH)
  public Response authorize(@PathParam("realm") String realm, @Context UriInfo uri) {
    requireRealm(realm);
    return authorization.authorize(uri.getQueryParameters());
  }

  @POST
  @Path(DiscoveryDocument.DEVICE_AUTHORIZATION_PATH)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response deviceAuthorization(
      @PathParam("realm") String realm,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      MultivaluedMap<String, String> form) {
    requireRealm(realm);
    return TokenRequestRejectedMapper.noStore(
            Response.ok(devices.start(form, authorization), MediaType.APPLICATION_JSON_TYPE))
        .build();
  }

  private void requireRealm(String realm) {
    issuer.require(realm);
  }
}
