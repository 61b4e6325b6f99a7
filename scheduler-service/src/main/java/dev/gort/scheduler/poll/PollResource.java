package dev.gort.scheduler.poll;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.scheduler.experiment.Paging;
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

  /**
   * @param nextLink absent on the last page
   */
  public record PollList(
      List<PollView> value, @JsonInclude(JsonInclude.Include.NON_NULL) String nextLink) {}

  @Inject PollLog polls;

  @GET
  @Path("/experiments/polls")
  public PollList list(@Context UriInfo uri) {
    Paging paging = Paging.of(uri.getQueryParameters());
    List<PollView> fetched = polls.latestFirst(paging.top() + 1, paging.skip());
    return new PollList(paging.page(fetched), paging.nextLink(PATH, fetched));
  }
}
