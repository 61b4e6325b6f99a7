package dev.gort.simulators.oidc;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Where the code flow's login form posts the user's credentials (Keycloak's login actions). */
@Path("/realms/{realm}" + AuthorizationEndpoint.LOGIN_ACTION_PATH)
public class LoginActionsResource {

  @Inject RealmIssuer issuer;
  @Inject AuthorizationEndpoint authorization;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response authenticate(
      @PathParam("realm") String realm,
      @FormParam("login") String loginId,
      @FormParam("username") String username,
      @FormParam("password") String password) {
    issuer.require(realm);
    return authorization.login(loginId, username, password);
  }
}
