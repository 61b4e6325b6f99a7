package dev.gort.scheduler.experiment;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The experiment source's HTTP API; base URL {@code quarkus.rest-client.experiment-source.url}. */
@RegisterRestClient(configKey = "experiment-source")
@Path("/api/v6/experiments")
@Produces(MediaType.APPLICATION_JSON)
public interface ExperimentSourceClient {

  /**
   * The list as the source sent it: {@link SourceListing} reads it, so that a broken body or one
   * broken entry gets a reason of its own instead of a generic read error.
   */
  @GET
  @Path("/")
  String list();

  @GET
  @Path("/{slug}/")
  SourceExperiment get(@PathParam("slug") String slug);
}
