package dev.gort.scheduler.poll;

import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The polls of the experiment source, latest first (seed 000, "no available experiments": even a
 * poll that finds nothing is recorded). At {@code /api/v1} for the reason given on {@code
 * ExperimentResource}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PollResource {

  static final String PATH = "/api/v1/experiments/polls";

  @Inject PollLog polls;
  @Inject Callers callers;

  /** Operators only: a poll's reason names experiments of every owner. */
  @GET
  @Path("/experiments/polls")
  public Page<PollView> list(@Context UriInfo uri) {
    callers.current().requireOperator();
    PageRequest paging = PageRequest.of(uri.getQueryParameters());
    List<PollView> fetched = polls.latestFirst(paging.limit(), paging.skip());
    return paging.page(fetched, PATH);
  }
}
