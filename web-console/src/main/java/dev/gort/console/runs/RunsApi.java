package dev.gort.console.runs;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import dev.gort.console.operations.Operation;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scheduler's test runs and their operations. */
@RegisterRestClient(configKey = "scheduler")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1")
public interface RunsApi {

  @GET
  @Path("/test-runs/{id}")
  Run run(@PathParam("id") String id);

  /** The experiment's runs, latest first. */
  @GET
  @Path("/test-runs")
  Paged<Run> runsOf(
      @QueryParam("experiment") String experiment,
      @QueryParam("$top") int top,
      @QueryParam("$skip") int skip);

  /** 200 with an {@link Operation}; {@code Retry-After} while it is not final. */
  @GET
  @Path("/operations/{id}")
  Response operation(@PathParam("id") String operationId);

  /** Cancels the run of the operation: 202, or 409 when it already finished otherwise. */
  @DELETE
  @Path("/operations/{id}")
  Response cancel(@PathParam("id") String operationId);
}
