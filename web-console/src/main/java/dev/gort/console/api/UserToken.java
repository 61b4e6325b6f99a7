package dev.gort.console.api;

import io.quarkus.arc.Arc;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Sends the signed-in user's own access token with every call to a service, so that the services
 * apply their owner/operator/admin rules to the user; the console has no token of its own to widen
 * them with.
 */
@Singleton
public class UserToken implements ClientRequestFilter {

  @Inject SecurityIdentity identity;

  @Override
  public void filter(ClientRequestContext request) {
    AccessTokenCredential token =
        Arc.container().requestContext().isActive()
            ? identity.getCredential(AccessTokenCredential.class)
            : null;
    if (token == null) {
      // answered as a service's 401 would be (ServiceErrors): "Signed out", nothing sent
      request.abortWith(Response.status(401).build());
      return;
    }
    request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
  }
}
