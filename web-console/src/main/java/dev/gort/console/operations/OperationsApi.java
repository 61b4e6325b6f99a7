package dev.gort.console.operations;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The scheduler's operations: test runs, pipeline runs and environments, as seed 001 lists them.
 */
@RegisterRestClient(configKey = "scheduler")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1/operations")
public interface OperationsApi {

  /** A null option is left out of the query (the service's default). */
  @GET
  Paged<Operation> operations(
      @QueryParam("$filter") String filter,
      @QueryParam("$orderby") String orderBy,
      @QueryParam("$top") int top,
      @QueryParam("$skip") int skip);
}
