package dev.gort.console.admin;

import dev.gort.console.api.Paged;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The dead letters every service keeps (gort-common's {@code DeadLetterResource}), admins only. One
 * interface for the five services: {@link DeadLetterClients} builds a client per service.
 */
@Path("/api/v1/dead-letters")
public interface DeadLettersApi {

  String REPLAY = ":replay";

  /** Latest first. */
  @GET
  Paged<DeadLetter> deadLetters(@QueryParam("$top") int top, @QueryParam("$skip") int skip);

  /** {@code POST /api/v1/dead-letters/{id}:replay}: published again on its topic; 202. */
  @POST
  @Path("/{target}")
  DeadLetter replay(@PathParam("target") String idAndAction);
}
