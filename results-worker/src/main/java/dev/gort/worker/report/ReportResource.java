package dev.gort.worker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.operation.ListFilter;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reports of evaluated runs, latest first, paged, filtered by run or experiment: an owner reaches
 * the reports of its own runs only (another owner's report answers 404), an operator all.
 */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

  static final String PATH = "/api/v1/reports";
  private static final List<String> FILTERS = List.of("run", "experiment");
  private static final Map<String, String> FIELDS =
      Map.of("run", "runId", "experiment", "experiment");
  private static final Sort LATEST_FIRST =
      Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);

  public record ReportView(
      String id,
      String run,
      String experiment,
      String owner,
      int attempt,
      String runner,
      String outcome,
      String summary,
      JsonNode tests,
      Instant createdDateTime) {}

  @Inject ObjectMapper json;
  @Inject Callers callers;

  @GET
  @Transactional
  public Page<ReportView> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    PageRequest paging = PageRequest.of(uri.getQueryParameters(), FILTERS);
    ListFilter filter =
        ListFilter.ownedBy("owner", caller.ownerScope()).and(paging.filters(), FIELDS);
    List<ReportView> fetched =
        Report.<Report>find(filter.where(), LATEST_FIRST, filter.parameters())
            .range(paging.skip(), paging.skip() + paging.limit() - 1)
            .list()
            .stream()
            .map(this::view)
            .toList();
    return paging.page(fetched, PATH);
  }

  @GET
  @Path("/{id}")
  @Transactional
  public ReportView get(@PathParam("id") String id) {
    Caller caller = callers.current();
    return Report.<Report>findByIdOptional(id)
        .filter(r -> caller.mayActFor(r.owner))
        .map(this::view)
        .orElseThrow(() -> ProblemException.notFound("no report with id " + Untrusted.quote(id)));
  }

  private ReportView view(Report r) {
    JsonNode tests;
    try {
      tests = r.testsJson == null ? null : json.readTree(r.testsJson);
    } catch (IOException e) {
      tests = null;
    }
    return new ReportView(
        r.id,
        r.runId,
        r.experiment,
        r.owner,
        r.attempt,
        r.runner,
        r.outcome.name(),
        r.summary,
        tests,
        r.createdAt);
  }
}
