package dev.gort.console.reports;

import dev.gort.console.api.Paged;
import dev.gort.console.web.Forms;
import dev.gort.console.web.Pager;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A report of the results worker: its verdict and counts, its suites, its test cases (filtered by
 * status, paged) with duration and message, and its KCIDB export, which the console serves itself
 * since the worker wants the user's token for it.
 */
@Path("/reports")
public class ReportPage {

  static final int PAGE_SIZE = 50;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance report(
        ReportDetail detail,
        Paged<TestCase> tests,
        Pager pager,
        String status,
        List<String> statuses);
  }

  @Inject @RestClient ReportsApi reports;

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance report(
      @PathParam("id") String id,
      @QueryParam("status") String statusParam,
      @QueryParam("skip") String skipParam) {
    String status = TestStatusFilter.of(statusParam);
    int skip = Forms.skip(skipParam);
    ReportDetail detail = reports.report(id);
    Paged<TestCase> tests = reports.tests(id, status, PAGE_SIZE, skip);
    String path =
        UriBuilder.fromPath("/reports/{id}").build(id)
            + (status == null ? "" : "?status=" + status);
    return Templates.report(
        detail, tests, Pager.of(path, skip, PAGE_SIZE, tests), status, TestStatusFilter.STATUSES);
  }

  /** The worker's KCIDB document of the report, as a file to save. */
  @GET
  @Path("/{id}/kcidb")
  @Produces(MediaType.APPLICATION_JSON)
  public Response kcidb(@PathParam("id") String id) {
    Response answer = reports.kcidb(id);
    InputStream body = answer.readEntity(InputStream.class);
    StreamingOutput stream =
        out -> {
          try (answer;
              body) {
            body.transferTo(out);
          }
        };
    return Response.ok(stream, MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(id) + "\"")
        .build();
  }

  /**
   * {@code report-<id>-kcidb.json}, the id reduced to characters safe in a header and a file name.
   */
  static String fileName(String id) {
    String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 100) {
      safe = safe.substring(0, 100);
    }
    return "report-" + safe + "-kcidb.json";
  }
}
