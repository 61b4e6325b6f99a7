package dev.gort.simulators.experiments;

import dev.gort.common.operation.Page;
import dev.gort.common.web.ProblemException;
import dev.gort.simulators.web.InMemoryPages;
import dev.gort.simulators.web.JsonBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Scripts the simulated experiment source: its experiments and its failure mode. */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentControlResource {

  @Inject ExperimentCatalog catalog;
  @Inject JsonBodies bodies;

  @POST
  @Path("/experiments")
  public Experiment upsert(byte[] body) {
    return catalog.upsert(bodies.read(body, ExperimentUpsert.class));
  }

  @GET
  @Path("/experiments")
  public Page<Experiment> list(@Context UriInfo uri) {
    return InMemoryPages.page(uri, List.of(), f -> catalog.all());
  }

  @DELETE
  @Path("/experiments/{slug}")
  public void delete(@PathParam("slug") String slug) {
    catalog.delete(slug);
  }

  @GET
  @Path("/experiment-source/mode")
  public ModeBody mode() {
    return new ModeBody(catalog.mode().word());
  }

  @PUT
  @Path("/experiment-source/mode")
  public ModeBody mode(byte[] body) {
    String word = bodies.read(body, ModeBody.class).mode();
    SourceMode mode =
        SourceMode.fromWord(word)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "unknown mode '" + word + "'; expected one of " + SourceMode.words()));
    catalog.mode(mode);
    return new ModeBody(mode.word());
  }

  /** {@code {"mode": "ok" | "down" | "garbage"}}. */
  public record ModeBody(String mode) {}
}
