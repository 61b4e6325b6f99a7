package dev.gort.worker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports of evaluated runs. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

  public record ReportView(
      String id,
      String run,
      int attempt,
      String runner,
      String outcome,
      String summary,
      JsonNode tests,
      Instant createdDateTime) {}

  @Inject ObjectMapper json;

  @GET
  @Transactional
  public Map<String, List<ReportView>> list(@QueryParam("run") String run) {
    List<Report> reports =
        run == null ? Report.<Report>listAll() : Report.<Report>list("runId", run);
    return Map.of("value", reports.stream().map(this::view).toList());
  }

  @GET
  @Path("/{id}")
  @Transactional
  public ReportView get(@PathParam("id") String id) {
    return Report.<Report>findByIdOptional(id)
        .map(this::view)
        .orElseThrow(() -> ProblemException.notFound("no report with id '" + id + "'"));
  }

  private ReportView view(Report r) {
    JsonNode tests;
    try {
      tests = r.testsJson == null ? null : json.readTree(r.testsJson);
    } catch (IOException e) {
      tests = null;
    }
    return new ReportView(
        r.id, r.runId, r.attempt, r.runner, r.outcome.name(), r.summary, tests, r.createdAt);
  }
}
