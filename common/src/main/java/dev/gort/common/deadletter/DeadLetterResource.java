package dev.gort.common.deadletter;

import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.security.Callers;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The service's dead letters, for admins: every event its consumers could never process, with the
 * reason, and a replay that publishes one again once the cause is fixed.
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gort.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class DeadLetterResource {

  static final String PATH = "/api/v1/dead-letters";
  static final String REPLAY = ":replay";

  @Inject DeadLetterStore store;
  @Inject Callers callers;

  /** Latest first, paged. */
  @GET
  public Page<DeadLetter> list(@Context UriInfo uri) {
    callers.current().requireAdmin();
    PageRequest paging = PageRequest.of(uri.getQueryParameters());
    List<DeadLetter> fetched = store.list(paging.limit(), paging.skip());
    return paging.page(fetched, PATH);
  }

  /**
   * {@code POST /api/v1/dead-letters/{id}:replay}: 202 with the dead letter as replayed. The action
   * is read off the one path segment ({@code <id>:replay}, the custom-method form of Google's AIP
   * 136), which the JAX-RS templates here do not split.
   */
  @POST
  @Path("/{target}")
  public Response replay(@PathParam("target") String target) {
    callers.current().requireAdmin();
    if (!target.endsWith(REPLAY)) {
      throw ProblemException.notFound("no such action; POST /api/v1/dead-letters/{id}" + REPLAY);
    }
    String id = target.substring(0, target.length() - REPLAY.length());
    DeadLetter replayed =
        store
            .replay(id)
            .orElseThrow(
                () -> ProblemException.notFound("no dead letter with id " + Untrusted.quote(id)));
    return Response.accepted(replayed).build();
  }
}
