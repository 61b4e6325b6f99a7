package dev.gort.scheduler.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.scheduler.poll.PollLog;
import dev.gort.scheduler.poll.PollView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The experiments the scheduler knows, each {@code IDLE} or {@code RUNNING}. At {@code /api/v1}
 * like {@code RunResource}: JAX-RS picks one root resource class by path before it looks at
 * methods, so a class at {@code /api/v1/experiments} would hide {@code POST
 * /api/v1/experiments/{slug}/test-runs}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

  static final String PATH = "/api/v1/experiments";

  /**
   * A page of experiments in slug order, with the latest poll (null before the first one).
   *
   * @param nextLink absent on the last page
   */
  public record ExperimentList(
      List<ExperimentView> value,
      @JsonInclude(JsonInclude.Include.NON_NULL) String nextLink,
      PollView lastPoll) {}

  @Inject SeenExperiments experiments;
  @Inject PollLog polls;
  @Inject Callers callers;

  /**
   * The experiments the caller may see (an owner: its own). The latest poll's reason, which may
   * name other owners' experiments, is shown to operators only.
   */
  @GET
  @Path("/experiments")
  public ExperimentList list(@Context UriInfo uri) {
    Caller caller = callers.current();
    PageRequest paging = PageRequest.of(uri.getQueryParameters());
    List<ExperimentView> fetched =
        experiments.list(caller.ownerScope().orElse(null), paging.limit(), paging.skip());
    Page<ExperimentView> page = paging.page(fetched, PATH);
    PollView lastPoll =
        polls.latest().map(p -> caller.isOperator() ? p : p.withoutReason()).orElse(null);
    return new ExperimentList(page.value(), page.nextLink(), lastPoll);
  }
}
