package dev.gort.simulators.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.oidc.DiscoveryDocument;
import dev.gort.simulators.oidc.OidcConfig.Client;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at Keycloak's end session endpoint,
 * by GET or form POST. The realm keeps no browser session, so logging out forgets the refresh
 * tokens of the user and client an {@code id_token_hint} names. The browser goes to {@code
 * post_logout_redirect_uri} only when the client ({@code client_id}, or the hint's audience)
 * registered it; else it sees a page.
 */
@Path("/realms/{realm}" + DiscoveryDocument.END_SESSION_PATH)
public class LogoutResource {

  private static final Logger LOG = Logger.getLogger(LogoutResource.class);

  @Inject RealmIssuer issuer;
  @Inject ClientAuthenticator clients;
  @Inject RefreshTokens refreshTokens;

  @GET
  public Response logout(@PathParam("realm") String realm, @Context UriInfo uri) {
    issuer.require(realm);
    return logout(uri.getQueryParameters());
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(@PathParam("realm") String realm, MultivaluedMap<String, String> form) {
    issuer.require(realm);
    return logout(form);
  }

  private Response logout(Map<String, List<String>> parameters) {
    if (Forms.hasDuplicates(parameters)) {
      return refused("duplicated parameter");
    }
    String hint = Forms.first(parameters, "id_token_hint");
    Optional<JsonNode> hinted = Optional.empty();
    if (hint != null) {
      hinted = IdTokenHint.verify(hint, issuer.issuer());
      if (hinted.isEmpty()) {
        return refused("Invalid parameter: id_token_hint");
      }
    }
    String clientId = Forms.first(parameters, "client_id");
    String hintedClient = hinted.map(claims -> claims.path("aud").asText()).orElse(null);
    if (clientId != null && hintedClient != null && !clientId.equals(hintedClient)) {
      return refused("Parameter client_id different than the client of the id_token_hint");
    }
    if (clientId == null) {
      clientId = hintedClient;
    }
    String redirectUri = Forms.first(parameters, "post_logout_redirect_uri");
    if (redirectUri != null) {
      Client client = clientId == null ? null : clients.client(clientId);
      if (client == null) {
        return refused("Missing parameters: id_token_hint or client_id");
      }
      if (!RedirectUris.registered(client.postLogoutRedirectUris(), redirectUri)) {
        return refused("Invalid redirect uri");
      }
    }
    if (hinted.isPresent()) {
      refreshTokens.revoke(hinted.get().path("sub").asText(), hintedClient);
      LOG.infof("logged out %s at client %s", hinted.get().path("sub").asText(), hintedClient);
    }
    if (redirectUri == null) {
      return HtmlPage.response(200, LoginPage.signedOut(), HtmlPage.NO_FORM).build();
    }
    String state = Forms.first(parameters, "state");
    String target =
        state == null
            ? redirectUri
            : RedirectUris.withQuery(redirectUri, "state=" + AuthorizationEndpoint.encode(state));
    return Response.status(Response.Status.FOUND)
        .location(URI.create(target))
        .header("Cache-Control", "no-store")
        .build();
  }

  private static Response refused(String message) {
    LOG.infof("logout refused: %s", message);
    return HtmlPage.response(400, LoginPage.refused(message), HtmlPage.NO_FORM).build();
  }
}
