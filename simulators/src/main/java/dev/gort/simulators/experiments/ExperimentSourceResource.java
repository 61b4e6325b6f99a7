package dev.gort.simulators.experiments;

import dev.gort.common.web.ProblemException;
import dev.gort.simulators.web.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The experiment source in its own wire format (Experimenter API v6), as the scheduler polls it.
 * Paths are served with and without the trailing slash the real API uses.
 */
@Path("/api/v6/experiments")
public class ExperimentSourceResource {

  static final byte[] GARBAGE = "<<not json".getBytes(StandardCharsets.UTF_8);

  @Inject ExperimentCatalog catalog;

  @GET
  public Response list() {
    return answer(() -> catalog.all());
  }

  @GET
  @Path("/{slug}")
  public Response one(@PathParam("slug") String slug) {
    return answer(
        () ->
            catalog
                .find(slug)
                .orElseThrow(() -> ProblemException.notFound("no experiment '" + slug + "'")));
  }

  private Response answer(Supplier<Object> body) {
    return switch (catalog.mode()) {
      case DOWN ->
          Problems.respond(
              503, "Service Unavailable", "the experiment source is down (simulated outage)");
      case GARBAGE -> Response.ok(GARBAGE, MediaType.APPLICATION_JSON_TYPE).build();
      case OK -> Response.ok(body.get(), MediaType.APPLICATION_JSON_TYPE).build();
    };
  }
}
