package dev.gort.console.reports;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The results worker's reports of evaluated runs and their test cases. */
@RegisterRestClient(configKey = "worker")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1/reports")
public interface ReportsApi {

  /** The most test cases one call reads (the worker's largest {@code $top}). */
  int MAX_TOP = 1000;

  /** The reports of one run (a test run has one). */
  @GET
  Paged<ReportSummary> ofRun(@QueryParam("run") String runId, @QueryParam("$top") int top);

  /** The reports of an experiment's runs, latest first. */
  @GET
  Paged<ReportSummary> ofExperiment(
      @QueryParam("experiment") String experiment, @QueryParam("$top") int top);

  @GET
  @Path("/{id}")
  ReportDetail report(@PathParam("id") String id);

  /** {@code status}: comma-separated test statuses ({@code failed,error}), null for all. */
  @GET
  @Path("/{id}/tests")
  Paged<TestCase> tests(
      @PathParam("id") String id,
      @QueryParam("status") String status,
      @QueryParam("$top") int top,
      @QueryParam("$skip") int skip);

  /** The report as KCIDB I/O JSON. */
  @GET
  @Path("/{id}/kcidb")
  Response kcidb(@PathParam("id") String id);
}
