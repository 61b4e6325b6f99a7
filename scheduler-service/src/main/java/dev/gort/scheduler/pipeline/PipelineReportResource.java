package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.idempotency.IdempotencyKeys;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.pipeline.report.InvalidReportException;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.report.ReportFilter;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Pipeline reports (issue 13, seed 003's report function): the reports of this scheduler's runs and
 * those uploaded by {@code gort upload}, listed together and filtered as {@code gort reports
 * --local} filters local ones. Owner-scoped like pipeline runs: an owner reaches only its own runs'
 * and uploads' reports, anything else answers 404.
 */
@Path("/api/v1/pipeline-reports")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineReportResource {

  static final String UPLOAD_ENDPOINT = "POST /api/v1/pipeline-reports";
  static final String PATH = "/api/v1/pipeline-reports";

  /**
   * A report is at most 4 MiB of JSON (the service's body limit), one attempt's log text at most
   * 256 Ki characters as the report format allows.
   */
  static final JsonBody.Limits UPLOAD_LIMITS = JsonBody.Limits.of(4 * 1024 * 1024, 256 * 1024);

  private static final List<String> LIST_FILTERS =
      List.of("repository", "pipeline", "run", "stage", "job");

  @Inject RunReports reports;
  @Inject Callers callers;
  @Inject IdempotencyKeys idempotency;

  @GET
  public Page<PipelineReportItem> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    PageRequest page = PageRequest.of(uri.getQueryParameters(), LIST_FILTERS);
    Map<String, String> filters = page.filters();
    ReportFilter filter =
        new ReportFilter(
            filters.get("repository"),
            filters.get("pipeline"),
            run(filters.get("run")),
            filters.get("stage"),
            filters.get("job"));
    List<PipelineReportItem> fetched =
        reports.list(caller.ownerScope().orElse(null), filter, page.skip(), page.limit());
    return page.page(fetched, PATH);
  }

  @GET
  @Path("/{id}")
  public PipelineReportItem get(@PathParam("id") String id) {
    return reports
        .find(id, callers.current())
        .orElseThrow(
            () -> ProblemException.notFound("no pipeline report with id " + Untrusted.quote(id)));
  }

  /**
   * Stores a report (a local run's, as {@code gort run --local} wrote it), read strictly: 201 with
   * its {@code Location}; 400 naming what is wrong with it.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  public Response upload(
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    Caller caller = callers.current();
    // size, media type, UTF-8, well-formed JSON, value lengths: as every endpoint checks them
    JsonBody.readRequired(body, contentType, JsonNode.class, UPLOAD_LIMITS);
    PipelineReport report = parse(body);
    return idempotency.once(
        caller.name(),
        UPLOAD_ENDPOINT,
        idempotencyKey,
        body,
        () -> report,
        checked -> created(reports.upload(checked, caller)));
  }

  private static PipelineReport parse(byte[] body) {
    try {
      return PipelineReportJson.read(body);
    } catch (InvalidReportException e) {
      throw ProblemException.badRequest(
          "not a pipeline report: " + Untrusted.escape(String.valueOf(e.getMessage()), 300));
    }
  }

  private static Integer run(String value) {
    if (value == null) {
      return null;
    }
    try {
      int run = Integer.parseInt(value);
      if (run >= 1) {
        return run;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        400,
        "Bad Request",
        "run: " + Untrusted.quote(value) + " is not a run number (1 or more)",
        Map.of("parameter", "run"));
  }

  private static Response created(PipelineReportItem item) {
    return Response.created(URI.create(PATH + "/" + item.id())).entity(item).build();
  }
}
