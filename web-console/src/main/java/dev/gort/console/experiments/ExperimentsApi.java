package dev.gort.console.experiments;

import dev.gort.console.api.KeyedRequests;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scheduler's experiments, their test configurations and test-run requests. */
@RegisterRestClient(configKey = "scheduler")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1")
public interface ExperimentsApi {

  @GET
  @Path("/experiments")
  ExperimentList experiments(@QueryParam("$top") int top, @QueryParam("$skip") int skip);

  /** The stored test configuration, or the defaults ({@code stored: false}). */
  @GET
  @Path("/experiments/{slug}/test-config")
  ExperimentTestConfig testConfig(@PathParam("slug") String slug);

  /** 202 with the run; its Location names a test run or a pipeline run. */
  @POST
  @Path("/experiments/{slug}/test-runs")
  @Consumes(MediaType.APPLICATION_JSON)
  Response requestRun(
      @PathParam("slug") String slug,
      @HeaderParam(KeyedRequests.HEADER) String idempotencyKey,
      TestRunRequest request);

  /** The runner to use instead of the test configuration's; null keeps the configuration's. */
  record TestRunRequest(String runner) {}
}
