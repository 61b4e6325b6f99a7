package dev.gort.console.environments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.console.api.KeyedRequests;
import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The provisioner's environments: ask for one, follow it, take its private key, tear it down. */
@RegisterRestClient(configKey = "provisioner")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1/environments")
public interface EnvironmentsApi {

  /** Newest first; {@code state} a comma list of states, or null for all. */
  @GET
  Paged<Environment> environments(
      @QueryParam("state") String state,
      @QueryParam("$top") int top,
      @QueryParam("$skip") int skip);

  @GET
  @Path("/{id}")
  Environment environment(@PathParam("id") String id);

  /**
   * 202 with the environment, its provisioning started; the same {@code Idempotency-Key} again gets
   * the same environment.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  Environment request(
      @HeaderParam(KeyedRequests.HEADER) String idempotencyKey, EnvironmentRequest request);

  /** Tears a ready environment down, or stops its provisioning: 202, idempotent. */
  @DELETE
  @Path("/{id}")
  Environment tearDown(@PathParam("id") String id);

  /** The private key Gort created, once; a 410 after. */
  @GET
  @Path("/{id}/private-key")
  @Produces("application/x-pem-file")
  String privateKey(@PathParam("id") String id);

  /** A repository to analyse and what the owner chose instead of the provisioner's decisions. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EnvironmentRequest(String repositoryUrl, String nodeType, Integer durationHours) {}
}
